/** The credentials' base URL handling: pasted spaces are trimmed, a value that is no URL is named. */
import { CredentialFieldError, resolveUrl } from '../../credentials/signing/requestTarget';

describe('resolveUrl', () => {
	test('trims spaces around the base URL (a pasted value) and joins the path', () => {
		expect(resolveUrl(' http://127.0.0.1:8080/ \t', { url: '/ocr' }).toString()).toBe('http://127.0.0.1:8080/ocr');
	});

	test.each([
		['', 'is empty'],
		['apis.juhe.cn', '"apis.juhe.cn" is not an http(s) URL'],
		['ftp://apis.juhe.cn', '"ftp://apis.juhe.cn" is not an http(s) URL'],
		['http://exa mple.com', '"http://exa mple.com" is not a valid URL'],
	])('refuses %j naming the field: %s', (baseUrl, why) => {
		let thrown: unknown;
		try {
			resolveUrl(baseUrl, { url: '/ocr' });
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(CredentialFieldError);
		expect(thrown).toMatchObject({ name: 'CredentialFieldError', field: 'baseUrl' });
		expect((thrown as Error).message).toContain(`The credential's Base URL ${why}.`);
	});

	test('names the field it was given (WeBank has two)', () => {
		expect(() =>
			resolveUrl('wes.webank.com', { url: '/x' }, { name: 'verifyBaseUrl', displayName: 'Verification Base URL' }),
		).toThrow(/^The credential's Verification Base URL "wes.webank.com" is not an http\(s\) URL\./);
	});

	test('never repeats a password written into the URL', () => {
		let message = '';
		try {
			resolveUrl('https://user:pa55word@exa mple.com', { url: '/x' });
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toContain('"https://exa mple.com" is not a valid URL');
		expect(message).not.toContain('pa55word');
	});
});
