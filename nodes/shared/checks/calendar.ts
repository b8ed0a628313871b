/**
 * Calendar dates in China's time zone. Asia/Shanghai has been UTC+8 without daylight saving
 * since 1991, so a fixed offset gives the same answer as a time-zone database.
 */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

function pad2(value: number): string {
	return value < 10 ? `0${value}` : String(value);
}

/** The `YYYY-MM-DD` date in Asia/Shanghai at `instant`; invalid dates fall back to now. */
export function shanghaiDate(instant?: Date): string {
	const valid = instant instanceof Date && !Number.isNaN(instant.getTime());
	const shifted = new Date((valid ? instant : new Date()).getTime() + SHANGHAI_OFFSET_MS);
	return `${shifted.getUTCFullYear()}-${pad2(shifted.getUTCMonth() + 1)}-${pad2(shifted.getUTCDate())}`;
}

export interface CalendarDate {
	year: number;
	month: number;
	day: number;
}

/** Splits an ISO `YYYY-MM-DD` (as produced by parse.date) into numbers. */
export function splitIsoDate(isoDate: string): CalendarDate {
	const [year, month, day] = isoDate.split('-').map(Number);
	return { year, month, day };
}

/**
 * The same calendar day one year earlier (29 February → 28 February), as `YYYY-MM-DD`.
 * Clamping to the earlier day keeps "older than a year" certain, never premature.
 */
export function oneYearBefore(isoDate: string): string {
	const { year, month, day } = splitIsoDate(isoDate);
	const lastDay = new Date(Date.UTC(year - 1, month, 0)).getUTCDate();
	return `${year - 1}-${pad2(month)}-${pad2(Math.min(day, lastDay))}`;
}
