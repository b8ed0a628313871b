/** Declarations of test/support/samplesExpected.js. */
import type { RecognizedInvoice } from '../../nodes/shared/types';
import type { OcrOutcome } from '../../nodes/shared/vendors/types';

export interface ExpectedValues {
	type: string;
	number: string | null;
	code: string | null;
	date: string | null;
	buyer: { name: string | null; taxId: string | null };
	seller: { name: string | null; taxId: string | null };
	amount: number | null;
	tax: number | null;
	total: number | null;
	items: number;
	transport?: Record<string, unknown>;
}
/** `pending`: why the reader does not read these values yet. */
export type ExpectedEntry = ({ expect: ExpectedValues } | { error: string }) & { pending?: string };
export interface FieldResult {
	field: string;
	expected: unknown;
	actual: unknown;
	status: 'ok' | 'wrong' | 'missing';
}
export declare const TABLES_DIR: string;
export declare function loadExpected(kind: 'xml' | 'ofd' | 'pdf'): Record<string, ExpectedEntry> | null;
export declare function valuesOf(invoice: RecognizedInvoice): ExpectedValues;
export declare function compareSample(entry: ExpectedEntry, outcome: OcrOutcome): FieldResult[];
