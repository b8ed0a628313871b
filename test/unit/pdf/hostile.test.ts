/**
 * Hostile PDFs: each fails clearly (a `PdfError` naming the limit, or an empty result) in well
 * under a second, in bounded memory: reference loops, decompression bombs, endless streams, absurd
 * object counts, deep nesting, self-drawing forms, endless operators.
 */
import { extractPdfText, PDF_LIMITS, type PdfText } from '../../../nodes/shared/formats/pdf';
import { readPdfInvoices } from '../../../nodes/shared/vendors/local/pdf';
import { cpuTimed } from '../../support/node';
import { deflate, PdfWriter } from '../../support/pdfWriter';

/**
 * Runs a read and measures the CPU time it took (not wall time: on a busy machine, waiting for a core is no
 * sign of a slow refusal).
 */
function timed(read: () => PdfText): { result?: PdfText; error?: { reason?: string; message: string }; ms: number } {
	const { result, error, cpuMs } = cpuTimed(read);
	return { result, error: error as { reason?: string; message: string } | undefined, ms: cpuMs };
}

/** A page drawing `contents` (object numbers) with font F1. */
function pagePdf(build: (writer: PdfWriter) => { contents: string; resources?: string }): Buffer {
	const writer = new PdfWriter();
	const font = writer.add('<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>');
	const { contents, resources } = build(writer);
	const page = writer.reserve();
	const pages = writer.add(`<</Type/Pages/Count 1/Kids[${page} 0 R]>>`);
	writer.set(page, `<</Type/Page/Parent ${pages} 0 R/MediaBox[0 0 600 800]/Resources<</Font<</F1 ${font} 0 R>>${resources ?? ''}>>/Contents ${contents}>>`);
	const catalog = writer.add(`<</Type/Catalog/Pages ${pages} 0 R>>`);
	return writer.build(catalog);
}

const FAST_MS = 1000;

describe('hostile PDFs fail fast', () => {
	test('a page tree whose Kids point back at itself', () => {
		const writer = new PdfWriter();
		const pages = writer.reserve();
		writer.set(pages, `<</Type/Pages/Count 1/Kids[${pages} 0 R]>>`);
		const catalog = writer.add(`<</Type/Catalog/Pages ${pages} 0 R>>`);
		const { result, ms } = timed(() => extractPdfText(writer.build(catalog)));
		expect(result?.pages).toEqual([]);
		expect(ms).toBeLessThan(FAST_MS);
	});

	test('references that name each other (1 0 R → 2 0 R → 1 0 R), a /Length that names its own stream', () => {
		const bytes = pagePdf((writer) => {
			const a = writer.reserve();
			const b = writer.reserve();
			writer.set(a, `${b} 0 R`);
			writer.set(b, `${a} 0 R`);
			const self = writer.reserve();
			writer.set(self, { data: Buffer.from('BT /F1 10 Tf 10 10 Td (self length) Tj ET'), compress: false, dict: `/Length ${self} 0 R` });
			return { contents: `[${a} 0 R ${self} 0 R]` };
		});
		const { result, ms } = timed(() => extractPdfText(bytes));
		expect(result?.pages[0].runs.map((run) => run.text)).toEqual(['self length']);
		expect(ms).toBeLessThan(FAST_MS);
	});

	test('an object stream that holds its own number, and an xref /Prev that points at itself', () => {
		const raw = pagePdf(() => ({ contents: '[]' })).toString('latin1');
		const startxref = /startxref\n(\d+)/.exec(raw)?.[1];
		const looped = raw.replace('/Root', `/Prev ${startxref}/Root`);
		const withObjStm = `${looped}\n99 0 obj\n<</Type/ObjStm/N 1/First 6/Length 13>>\nstream\n99 0 99 0 R\nendstream\nendobj\n`;
		const { result, ms } = timed(() => extractPdfText(Buffer.from(withObjStm, 'latin1')));
		expect(result?.pages).toHaveLength(1);
		expect(ms).toBeLessThan(FAST_MS);
	});

	test('a decompression bomb (a stream that inflates past the per-stream limit)', () => {
		const bomb = deflate(Buffer.alloc(PDF_LIMITS.maxStreamBytes + 1024 * 1024, 0x20));
		const bytes = pagePdf((writer) => ({ contents: `${writer.add({ data: bomb, compress: false, filter: '/FlateDecode' })} 0 R` }));
		// 17 MB in about 110 KB (13 bits per 258 bytes).
		expect(bytes.length).toBeLessThan(150_000);
		const { error, ms } = timed(() => extractPdfText(bytes));
		expect(error).toMatchObject({ reason: 'too-large', message: expect.stringMatching(/limit/) });
		expect(ms).toBeLessThan(FAST_MS);
		const outcome = readPdfInvoices(bytes);
		expect(outcome.ok ? null : outcome.error.code).toBe('FILE_TOO_LARGE');
	});

	test('many streams that together inflate past the per-document limit', () => {
		const chunk = deflate(Buffer.alloc(PDF_LIMITS.maxStreamBytes - 1024, 0x20));
		const count = Math.ceil(PDF_LIMITS.maxTotalDecodedBytes / PDF_LIMITS.maxStreamBytes) + 1;
		const bytes = pagePdf((writer) => {
			const refs = Array.from({ length: count }, () => `${writer.add({ data: chunk, compress: false, filter: '/FlateDecode' })} 0 R`);
			return { contents: `[${refs.join(' ')}]` };
		});
		const { error, ms } = timed(() => extractPdfText(bytes));
		expect(error).toMatchObject({ reason: 'too-large' });
		expect(ms).toBeLessThan(FAST_MS);
	});

	test('an endless stream (no endstream, a /Length far past the end of the file)', () => {
		const bytes = pagePdf((writer) => {
			const endless = writer.reserve();
			writer.set(endless, `<</Length 99999999999>>\nstream\nBT /F1 10 Tf 10 10 Td (start) Tj ET\n${'0 0 m '.repeat(20000)}`);
			return { contents: `${endless} 0 R` };
		});
		const { result, error, ms } = timed(() => extractPdfText(bytes));
		expect(error ?? result).toBeDefined();
		expect(ms).toBeLessThan(FAST_MS);
	});

	test('an xref stream that declares two billion objects', () => {
		const raw = pagePdf(() => ({ contents: '[]' }));
		const body = raw.toString('latin1');
		const xrefAt = raw.length;
		const xref = deflate(Buffer.from([1, 0, 0, 0, 15, 0, 0]));
		const bytes = Buffer.concat([
			raw,
			Buffer.from(`999 0 obj\n<</Type/XRef/Size 2000000000/Index[0 2000000000]/W[1 4 2]/Root 5 0 R/Prev ${/startxref\n(\d+)/.exec(body)?.[1]}/Filter/FlateDecode/Length ${xref.length}>>\nstream\n`, 'latin1'),
			xref,
			Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'),
		]);
		const { result, error, ms } = timed(() => extractPdfText(bytes));
		expect(error ?? result).toBeDefined();
		expect(ms).toBeLessThan(FAST_MS);
	});

	test('a classic xref table with more entries than the object limit', () => {
		const count = PDF_LIMITS.maxObjects + 10;
		const head = '%PDF-1.4\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n';
		const table = `xref\n0 ${count}\n${'0000000009 00000 n \n'.repeat(count)}`;
		const bytes = Buffer.from(`${head}${table}trailer\n<</Size ${count}/Root 1 0 R>>\nstartxref\n${head.length}\n%%EOF\n`, 'latin1');
		const { error, ms } = timed(() => extractPdfText(bytes));
		expect(error).toMatchObject({ reason: 'too-large', message: expect.stringMatching(/objects/) });
		expect(ms).toBeLessThan(FAST_MS);
	});

	test('a broken file with more objects than the limit (the repair scan stops too)', () => {
		const objects = Array.from({ length: PDF_LIMITS.maxObjects + 10 }, (_, i) => `${i + 1} 0 obj\nnull\nendobj\n`).join('');
		const { error, ms } = timed(() => extractPdfText(Buffer.from(`%PDF-1.4\n${objects}`, 'latin1')));
		expect(error).toMatchObject({ reason: 'too-large' });
		expect(ms).toBeLessThan(FAST_MS);
	});

	test('arrays nested a hundred thousand deep, in an object and in a content stream', () => {
		const deep = '['.repeat(100_000);
		const inObject = pagePdf((writer) => ({ contents: `${writer.add(`<</Nested ${deep}>>`)} 0 R` }));
		const inContent = pagePdf((writer) => ({ contents: `${writer.add({ data: `${deep} TJ` })} 0 R` }));
		for (const bytes of [inObject, inContent]) {
			const { error, result, ms } = timed(() => extractPdfText(bytes));
			// The page's Contents is no stream (object) or the operands nest too deep (content): either is clear.
			if (error) expect(error).toMatchObject({ reason: 'too-large' });
			else expect(result?.pages[0].runs).toEqual([]);
			expect(ms).toBeLessThan(FAST_MS);
		}
		expect(() => extractPdfText(inContent)).toThrow(expect.objectContaining({ reason: 'too-large', message: expect.stringMatching(/nests/) }));
	});

	test('a page tree deeper than the limit', () => {
		const writer = new PdfWriter();
		const depth = PDF_LIMITS.maxPageTreeDepth + 5;
		const nums = Array.from({ length: depth }, () => writer.reserve());
		nums.forEach((num, i) => writer.set(num, i + 1 < depth ? `<</Type/Pages/Count 1/Kids[${nums[i + 1]} 0 R]>>` : '<</Type/Page/MediaBox[0 0 10 10]>>'));
		const catalog = writer.add(`<</Type/Catalog/Pages ${nums[0]} 0 R>>`);
		const { error, ms } = timed(() => extractPdfText(writer.build(catalog)));
		expect(error).toMatchObject({ reason: 'too-large', message: expect.stringMatching(/page tree/) });
		expect(ms).toBeLessThan(FAST_MS);
	});

	test('a Form XObject that draws itself, and a chain of forms deeper than the limit', () => {
		const selfDrawing = pagePdf((writer) => {
			const form = writer.reserve();
			// Object 1 is the page's font (pagePdf adds it first).
			writer.set(form, { dict: `/Type/XObject/Subtype/Form/BBox[0 0 10 10]/Resources<</Font<</F1 1 0 R>>/XObject<</Me ${form} 0 R>>>>`, data: 'BT /F1 10 Tf 1 1 Td (once) Tj ET /Me Do' });
			return { contents: `${writer.add({ data: '/Me Do' })} 0 R`, resources: `/XObject<</Me ${form} 0 R>>` };
		});
		const once = timed(() => extractPdfText(selfDrawing));
		expect(once.result?.pages[0].runs.map((run) => run.text)).toEqual(['once']);
		expect(once.ms).toBeLessThan(FAST_MS);

		const chain = pagePdf((writer) => {
			const forms = Array.from({ length: PDF_LIMITS.maxFormDepth + 3 }, () => writer.reserve());
			forms.forEach((num, i) => {
				const next = forms[i + 1];
				writer.set(num, {
					dict: `/Type/XObject/Subtype/Form/BBox[0 0 10 10]${next ? `/Resources<</XObject<</N ${next} 0 R>>>>` : ''}`,
					data: next ? '/N Do' : 'BT /F1 10 Tf 1 1 Td (deep) Tj ET',
				});
			});
			return { contents: `${writer.add({ data: '/N Do' })} 0 R`, resources: `/XObject<</N ${forms[0]} 0 R>>` };
		});
		const deep = timed(() => extractPdfText(chain));
		expect(deep.error).toMatchObject({ reason: 'too-large', message: expect.stringMatching(/Form XObjects/) });
		expect(deep.ms).toBeLessThan(FAST_MS);
	});

	test('a content stream with more operators than the per-page limit', () => {
		const bytes = pagePdf((writer) => ({ contents: `${writer.add({ data: 'n\n'.repeat(PDF_LIMITS.maxOperatorsPerPage + 1) })} 0 R` }));
		const { error, ms } = timed(() => extractPdfText(bytes));
		expect(error).toMatchObject({ reason: 'too-large', message: expect.stringMatching(/operators/) });
		expect(ms).toBeLessThan(FAST_MS);
	});
});
