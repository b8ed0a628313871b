/**
 * Region codes in invoice codes: the province-level tax bureaus of the national VAT
 * verification platform (GB/T 2260 province codes as `xx00`) plus the five cities with
 * separate plans (计划单列市), which keep their own four digits.
 */
export const PROVINCE_REGIONS: Readonly<Record<string, string>> = {
	'11': 'Beijing',
	'12': 'Tianjin',
	'13': 'Hebei',
	'14': 'Shanxi',
	'15': 'Inner Mongolia',
	'21': 'Liaoning',
	'22': 'Jilin',
	'23': 'Heilongjiang',
	'31': 'Shanghai',
	'32': 'Jiangsu',
	'33': 'Zhejiang',
	'34': 'Anhui',
	'35': 'Fujian',
	'36': 'Jiangxi',
	'37': 'Shandong',
	'41': 'Henan',
	'42': 'Hubei',
	'43': 'Hunan',
	'44': 'Guangdong',
	'45': 'Guangxi',
	'46': 'Hainan',
	'50': 'Chongqing',
	'51': 'Sichuan',
	'52': 'Guizhou',
	'53': 'Yunnan',
	'54': 'Tibet',
	'61': 'Shaanxi',
	'62': 'Gansu',
	'63': 'Qinghai',
	'64': 'Ningxia',
	'65': 'Xinjiang',
};

export const PLANNED_CITY_REGIONS: Readonly<Record<string, string>> = {
	'2102': 'Dalian',
	'3302': 'Ningbo',
	'3502': 'Xiamen',
	'3702': 'Qingdao',
	'4403': 'Shenzhen',
};

/** The region a four-digit invoice-code region names, or null when no tax bureau uses it. */
export function invoiceCodeRegion(region: string): string | null {
	return PLANNED_CITY_REGIONS[region] ?? PROVINCE_REGIONS[region.slice(0, 2)] ?? null;
}
