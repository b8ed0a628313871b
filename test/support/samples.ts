/**
 * The real e-invoice samples live in ../shared/samples/einvoice beside the clone (never in the repo:
 * real company data, some unlicensed). Tests over them run when the folder is there and are reported
 * as skipped, by name, when it is not (an outside contributor's clone).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SAMPLES_DIR = resolve(__dirname, '..', '..', '..', 'shared', 'samples', 'einvoice');
export const HAVE_SAMPLES = existsSync(SAMPLES_DIR);

/** `describe` when the samples are there, `describe.skip` (so jest lists the tests as skipped) when not. */
export const describeWithSamples: jest.Describe = HAVE_SAMPLES ? describe : describe.skip;

/** The bytes of `kind/name`, e.g. `sample('xml', 'erma0-digital-common-25322000000365404822.xml')`. */
export function sample(kind: 'xml' | 'ofd' | 'pdf', name: string): Buffer {
	return readFileSync(join(SAMPLES_DIR, kind, name));
}

/** The sample file names of one kind (empty without the samples folder). */
export function sampleNames(kind: 'xml' | 'ofd' | 'pdf'): string[] {
	return HAVE_SAMPLES ? readdirSync(join(SAMPLES_DIR, kind)).sort() : [];
}
