import type { IDataObject } from 'n8n-workflow';

import { runOfflineChecks } from '../checks';
import type { InvoiceSource, SignatureInfo } from '../types';
import type { ItemResult } from './itemResults';
import { isFailure } from './itemResults';

type Recognized = Exclude<ItemResult, { error: unknown }>;

/**
 * Copies of one invoice within one input item (the PDF, OFD and XML of one 数电 invoice) become
 * one result: the most exact reading, standing where the first copy stood, with the other files
 * listed in `source.alsoIn`. What only the other files can tell is kept: a copy whose signature is invalid or
 * was changed after signing speaks for the invoice (an edited PDF beside an intact XML is still an edited file
 * in the mail), and a QR code read from a copy is compared with the most exact reading. Results are matched by
 * `dedupeKey`; failures are left as they are.
 */
export function mergeCopies(results: ItemResult[]): ItemResult[] {
	const groups = new Map<string, Recognized[]>();
	for (const result of results) {
		if (isFailure(result)) continue;
		const key = result.json.dedupeKey;
		if (typeof key !== 'string' || key === '') continue;
		const group = groups.get(key);
		if (group) group.push(result);
		else groups.set(key, [result]);
	}
	const merged: ItemResult[] = [];
	for (const result of results) {
		if (isFailure(result)) {
			merged.push(result);
			continue;
		}
		const group = groups.get(result.json.dedupeKey as string);
		if (!group || group.length === 1) {
			merged.push(result);
			continue;
		}
		if (group[0] !== result) continue; // A later copy: folded into the first one's place.
		merged.push(bestOf(group));
	}
	return merged;
}

function bestOf(group: Recognized[]): Recognized {
	const rank = (result: Recognized) => result.exactness ?? Number.MAX_SAFE_INTEGER;
	const best = group.reduce((winner, candidate) => (rank(candidate) < rank(winner) ? candidate : winner));
	const json = withEvidenceOfCopies(best, group);
	const source = json.source as unknown as InvoiceSource | null;
	if (!source) return { ...best, json };
	const alsoIn = group
		.filter((copy) => copy !== best)
		.map((copy) => copy.json.source as unknown as InvoiceSource | null)
		.filter((copySource): copySource is InvoiceSource => copySource !== null)
		.map(({ binaryProperty, fileName, entry }) => ({ binaryProperty, fileName, entry }));
	return {
		...best,
		json: { ...json, source: { ...source, alsoIn } as unknown as IDataObject },
	};
}

/** Statuses that say a file is not what was signed: any copy with one of them speaks for the invoice. */
const ALARMING: ReadonlyArray<SignatureInfo['status']> = ['invalid', 'modified'];

function fileNameOf(copy: Recognized): string | null {
	const source = copy.json.source as unknown as InvoiceSource | null;
	return source ? (source.entry ?? source.fileName ?? source.binaryProperty) : null;
}

/** The winner's json with an alarming signature of another copy, or another copy's QR code where it has none. */
function withEvidenceOfCopies(best: Recognized, group: Recognized[]): IDataObject {
	const others = group.filter((copy) => copy !== best);
	const ownSignature = best.json.signature as unknown as SignatureInfo | null | undefined;
	let signature = ownSignature;
	if (!ownSignature || !ALARMING.includes(ownSignature.status)) {
		for (const status of ALARMING) {
			const copy = others.find((other) => (other.json.signature as unknown as SignatureInfo | null)?.status === status);
			if (!copy) continue;
			const copySignature = copy.json.signature as unknown as SignatureInfo;
			const where = fileNameOf(copy);
			const detail = [where ? `In the copy ${where}.` : null, copySignature.detail ?? null].filter(Boolean).join(' ');
			signature = { ...copySignature, ...(detail ? { detail } : {}) };
			break;
		}
	}
	const qr = best.json.qr ?? others.map((other) => other.json.qr).find((copyQr) => copyQr) ?? null;
	if (signature === ownSignature && qr === (best.json.qr ?? null)) return best.json;
	const json: IDataObject = { ...best.json, signature: (signature ?? null) as unknown as IDataObject, qr };
	json.checks = runOfflineChecks(json) as unknown as IDataObject;
	return json;
}
