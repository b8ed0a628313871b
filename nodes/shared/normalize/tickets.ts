/**
 * Values printed on tickets and itineraries that land in the invoice's `transport` block:
 * clock times, dates without a year, mileage, and a setter that skips what was not read.
 */
import type { RecognizedInvoice } from '../types';
import { date, normalizedText } from './parse';

/** Sets one `transport` key; an unread (null/undefined) value leaves the block untouched. */
export function setTransport(invoice: RecognizedInvoice, key: string, value: unknown): void {
	if (value === null || value === undefined) return;
	invoice.transport = { ...(invoice.transport ?? {}), [key]: value };
}

/** A clock time `HH:MM` from `08:52`, `8:05`, `0735` (itineraries print no colon), `20:00开`. */
export function clockTime(value: unknown): string | null {
	const raw = normalizedText(value);
	if (raw === null) return null;
	const compact = raw.replace(/\s/g, '');
	// A colon is optional only for a bare `0735`: in `2019年12月11日` the digits are a date.
	const match =
		/^(\d{1,2})(\d{2})$/.exec(compact) ?? /(?:^|\D)(\d{1,2}):(\d{2})(?!\d)/.exec(compact);
	if (!match) return null;
	const hours = Number(match[1]);
	const minutes = Number(match[2]);
	if (hours > 23 || minutes > 59) return null;
	return `${String(hours).padStart(2, '0')}:${match[2]}`;
}

/** `YYYY-MM-DD HH:MM` when both parts are known, the date alone, or null when the date is unknown. */
export function joinDateTime(day: string | null, time: string | null): string | null {
	if (day === null) return null;
	return time === null ? day : `${day} ${time}`;
}

/** Taxi mileage in kilometres: `12.3km`, `12.3公里`, `12.3` → 12.3. */
export function kilometres(value: unknown): number | null {
	const raw = normalizedText(value);
	if (raw === null) return null;
	const match = /^(\d+(?:\.\d+)?)\s*(?:km|KM|Km|公里|千米)?$/.exec(raw);
	return match ? Number(match[1]) : null;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/**
 * A flight date → `YYYY-MM-DD`. Itineraries print `05DEC` without a year; the year is taken
 * from the issue date, choosing the nearest (an itinerary issued in January may cover a
 * December flight). Full dates are parsed as usual.
 */
export function flightDate(value: unknown, issueDate: string | null): string | null {
	const full = date(value);
	if (full !== null) return full;
	const raw = normalizedText(value);
	if (raw === null || issueDate === null) return null;
	const match = /^(\d{1,2})\s*([A-Za-z]{3})$/.exec(raw);
	if (!match) return null;
	const month = MONTHS.indexOf(match[2].toUpperCase()) + 1;
	if (month === 0) return null;
	const issueYear = Number(issueDate.slice(0, 4));
	const issueTime = Date.UTC(
		issueYear,
		Number(issueDate.slice(5, 7)) - 1,
		Number(issueDate.slice(8)),
	);
	let best: string | null = null;
	let bestDistance = Infinity;
	for (const year of [issueYear - 1, issueYear, issueYear + 1]) {
		const candidate = date(`${year}-${month}-${match[1]}`);
		if (candidate === null) continue;
		const distance = Math.abs(Date.parse(`${candidate}T00:00:00Z`) - issueTime);
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return best;
}
