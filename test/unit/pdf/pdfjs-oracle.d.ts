export interface OracleItem {
	str: string;
	x: number;
	y: number;
}

export function pdfjsTextItems(names: string[]): Array<{ file: string; pages: OracleItem[][] }>;
