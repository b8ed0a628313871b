import type { IDataObject } from 'n8n-workflow';

import type { InvoiceSource } from '../types';
import type { ItemResult } from './itemResults';
import { isFailure } from './itemResults';

type Recognized = Exclude<ItemResult, { error: unknown }>;

/**
 * Copies of one invoice within one input item (the PDF, OFD and XML of one 数电 invoice) become
 * one result: the most exact reading, standing where the first copy stood, with the other files
 * listed in `source.alsoIn`. Results are matched by `dedupeKey`; failures are left as they are.
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
	const source = best.json.source as unknown as InvoiceSource | null;
	if (!source) return best;
	const alsoIn = group
		.filter((copy) => copy !== best)
		.map((copy) => copy.json.source as unknown as InvoiceSource | null)
		.filter((copySource): copySource is InvoiceSource => copySource !== null)
		.map(({ binaryProperty, fileName, entry }) => ({ binaryProperty, fileName, entry }));
	return {
		...best,
		json: { ...best.json, source: { ...source, alsoIn } as unknown as IDataObject },
	};
}
