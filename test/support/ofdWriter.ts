/**
 * A small OFD (GB/T 33190) writer for test fixtures: pages of `TextObject`s (placed whole, or glyph by
 * glyph as PDF→OFD converters write them), a template page, `OFD.xml` `CustomDatas`, attachments (an
 * invoice XML or an XBRL instance) and custom tag files (well-formed or not, under any file name).
 * Every family of OFD the local reader knows can be written from here, so none needs a real file.
 *
 *   ofdBytes({ pages: [{ texts: [{ x: 10, y: 10, text: '发票号码：' }] }], customDatas: [['发票号码', '123']] });
 */
import { zipBytes, type ZipMember } from './zipWriter';

/** One printed text: a `TextObject` at (x, y) mm from the page's top left. */
export interface OfdText {
	x: number;
	y: number;
	text: string;
	/** Box width in mm; default 3.5 mm per character. */
	width?: number;
	/** Box height in mm; default 5. */
	height?: number;
	/** Object ID (tag files point at it); default: the next free number. */
	id?: number;
	/** Write each character as its own `TextObject` (as PDF→OFD converters do); IDs then follow `id`. */
	glyphs?: boolean;
}

export interface OfdPage {
	texts: OfdText[];
	/** Number of `ImageObject`s on the page (a scan has only these). */
	images?: number;
}

export interface OfdSpec {
	pages: OfdPage[];
	/** Text of the template page every page draws on (labels, the title); none when absent. */
	template?: OfdText[];
	/** `OFD.xml` `DocInfo/CustomDatas`, as [Name, value]. */
	customDatas?: Array<[string, string]>;
	/** Attachments under `Doc_0/Attachs/`, listed in `Attachments.xml`. */
	attachments?: Array<{ name: string; data: string }>;
	/** Custom tag files under `Doc_0/Tags/`, listed in `CustomTags.xml` in this order (content may be malformed). */
	customTags?: Array<{ name: string; data: string }>;
	/** Members added as they are (fonts, images, signatures). */
	extraMembers?: ZipMember[];
}

export function escapeXml(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const OFD_NS = 'http://www.ofdspec.org/2016';

function textObjects(texts: OfdText[], firstId: number): { xml: string; nextId: number } {
	let nextId = firstId;
	const parts: string[] = [];
	const object = (id: number, x: number, y: number, width: number, height: number, text: string) =>
		`<ofd:TextObject ID="${id}" Boundary="${x} ${y} ${width} ${height}" Font="2" Size="3.175">` +
		`<ofd:TextCode X="0" Y="${(height * 0.72).toFixed(2)}">${escapeXml(text)}</ofd:TextCode></ofd:TextObject>`;
	for (const placed of texts) {
		const height = placed.height ?? 5;
		const characters = Array.from(placed.text);
		const width = placed.width ?? characters.length * 3.5;
		let id = placed.id ?? nextId;
		if (placed.glyphs) {
			const step = width / Math.max(characters.length, 1);
			characters.forEach((character, index) => {
				parts.push(object(id++, +(placed.x + index * step).toFixed(3), placed.y, +step.toFixed(3), height, character));
			});
		} else {
			parts.push(object(id++, placed.x, placed.y, width, height, placed.text));
		}
		nextId = Math.max(nextId, id);
	}
	return { xml: parts.join(''), nextId };
}

function pageXml(content: string, templateId: number | null, images = 0): string {
	const imageObjects = Array.from({ length: images }, (_, index) =>
		`<ofd:ImageObject ID="${9000 + index}" Boundary="0 0 210 140" ResourceID="1"/>`,
	).join('');
	return (
		`<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="${OFD_NS}"><ofd:Area><ofd:PhysicalBox>0 0 210 140</ofd:PhysicalBox></ofd:Area>` +
		(templateId === null ? '' : `<ofd:Template TemplateID="${templateId}" ZOrder="Background"/>`) +
		`<ofd:Content><ofd:Layer ID="2">${content}${imageObjects}</ofd:Layer></ofd:Content></ofd:Page>`
	);
}

/** The OFD package of `spec`, as bytes. */
export function ofdBytes(spec: OfdSpec): Buffer {
	const members: ZipMember[] = [...(spec.extraMembers ?? [])];
	let nextId = 100;
	const templateId = spec.template ? 9 : null;
	if (spec.template) {
		const written = textObjects(spec.template, 10);
		members.push({ name: 'Doc_0/Tpls/Tpl_0/Content.xml', data: pageXml(written.xml, null) });
	}
	spec.pages.forEach((page, index) => {
		const written = textObjects(page.texts, nextId);
		nextId = written.nextId;
		members.push({ name: `Doc_0/Pages/Page_${index}/Content.xml`, data: pageXml(written.xml, templateId, page.images) });
	});
	const customDatas = spec.customDatas ?? [];
	const ofdXml =
		`<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="${OFD_NS}" DocType="OFD" Version="1.0"><ofd:DocBody><ofd:DocInfo>` +
		`<ofd:DocID>0123456789abcdef0123456789abcdef</ofd:DocID><ofd:Creator>fixture</ofd:Creator>` +
		(customDatas.length === 0
			? ''
			: `<ofd:CustomDatas>${customDatas
					.map(([name, value]) => `<ofd:CustomData Name="${escapeXml(name)}">${escapeXml(value)}</ofd:CustomData>`)
					.join('')}</ofd:CustomDatas>`) +
		`</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`;
	const attachments = spec.attachments ?? [];
	const customTags = spec.customTags ?? [];
	const documentXml =
		`<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="${OFD_NS}"><ofd:CommonData><ofd:MaxUnitID>${nextId}</ofd:MaxUnitID>` +
		`<ofd:PageArea><ofd:PhysicalBox>0 0 210 140</ofd:PhysicalBox></ofd:PageArea>` +
		(templateId === null ? '' : `<ofd:TemplatePage ID="${templateId}" BaseLoc="Tpls/Tpl_0/Content.xml"/>`) +
		`</ofd:CommonData><ofd:Pages>${spec.pages
			.map((_, index) => `<ofd:Page ID="${index + 1}" BaseLoc="Pages/Page_${index}/Content.xml"/>`)
			.join('')}</ofd:Pages>` +
		(attachments.length === 0 ? '' : '<ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments>') +
		(customTags.length === 0 ? '' : '<ofd:CustomTags>Tags/CustomTags.xml</ofd:CustomTags>') +
		`</ofd:Document>`;
	members.push({ name: 'OFD.xml', data: ofdXml }, { name: 'Doc_0/Document.xml', data: documentXml });
	if (attachments.length > 0) {
		members.push({
			name: 'Doc_0/Attachs/Attachments.xml',
			data:
				`<?xml version="1.0" encoding="UTF-8"?><ofd:Attachments xmlns:ofd="${OFD_NS}">` +
				attachments
					.map(
						(attachment, index) =>
							`<ofd:Attachment ID="${500 + index}" Name="${escapeXml(attachment.name.replace(/\.xml$/, ''))}" Format="xml">` +
							`<ofd:FileLoc>${escapeXml(attachment.name)}</ofd:FileLoc></ofd:Attachment>`,
					)
					.join('') +
				`</ofd:Attachments>`,
		});
		for (const attachment of attachments) members.push({ name: `Doc_0/Attachs/${attachment.name}`, data: attachment.data });
	}
	if (customTags.length > 0) {
		members.push({
			name: 'Doc_0/Tags/CustomTags.xml',
			data:
				`<?xml version="1.0" encoding="UTF-8"?><ofd:CustomTags xmlns:ofd="${OFD_NS}">` +
				customTags.map((tag) => `<ofd:CustomTag TypeID="root"><ofd:FileLoc>${escapeXml(tag.name)}</ofd:FileLoc></ofd:CustomTag>`).join('') +
				`</ofd:CustomTags>`,
		});
		for (const tag of customTags) members.push({ name: `Doc_0/Tags/${tag.name}`, data: tag.data });
	}
	return zipBytes(members);
}
