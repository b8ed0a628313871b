/**
 * Each credential's Test, run the way n8n runs it (its declarative request through n8n-core's
 * RoutingNode and the credential's `authenticate`), against the fake vendors over HTTP.
 */
import { FAKE_CREDENTIALS } from '../fakes';
import type { AllFakes } from '../fakes';
import { testCredential } from '../harness/engine';
import { withFakes } from './support';

let fakes: AllFakes;
beforeAll(async () => {
	fakes = await withFakes();
});
afterAll(async () => fakes.closeAll());

const OK = { status: 'OK', message: 'Connection successful!' };

describe('credential Test tells a wrong secret from a right one', () => {
	test('juhe: right key passes (the 1-pixel image is only "unreadable"), wrong key fails with 10001', async () => {
		const baseUrl = fakes.juhe.url;
		expect(await testCredential('juheApi', { ...FAKE_CREDENTIALS.juhe, baseUrl })).toEqual(OK);
		const wrong = await testCredential('juheApi', { apiKey: 'dummy-wrong-key-00000000', baseUrl });
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toContain('10001');
		// The key travels in the form body only.
		for (const request of fakes.juhe.requests) expect(request.query).not.toHaveProperty('key');
	});

	test('volcengine: a right AK/SK is accepted by the fake\'s independent verifier, a wrong SK gets SignatureDoesNotMatch', async () => {
		const baseUrl = fakes.volcengine.url;
		fakes.volcengine.reset();
		expect(await testCredential('volcengineApi', { ...FAKE_CREDENTIALS.volcengine, baseUrl })).toEqual(OK);
		expect(fakes.volcengine.requests[0].authOk).toBe(true);
		const wrongSecret = await testCredential('volcengineApi', {
			...FAKE_CREDENTIALS.volcengine,
			secretAccessKey: 'dummy-wrong-secret-0000000000',
			baseUrl,
		});
		expect(wrongSecret).toEqual({ status: 'Error', message: expect.stringContaining('SignatureDoesNotMatch') });
		const wrongKey = await testCredential('volcengineApi', {
			...FAKE_CREDENTIALS.volcengine,
			accessKeyId: 'AKLTunknownunknownunknown',
			baseUrl,
		});
		expect(wrongKey).toEqual({ status: 'Error', message: expect.stringContaining('InvalidAccessKey') });
	});

	test('jumdata: right appSecret passes, wrong appSecret fails on the signature', async () => {
		const baseUrl = fakes.jumdata.url;
		expect(await testCredential('jumdataApi', { ...FAKE_CREDENTIALS.jumdata, baseUrl })).toEqual(OK);
		const wrong = await testCredential('jumdataApi', {
			...FAKE_CREDENTIALS.jumdata,
			appSecret: 'dummy-wrong-secret-000000',
			baseUrl,
		});
		expect(wrong).toEqual({ status: 'Error', message: expect.stringContaining('signature') });
	});

	test('xinhuo: right token passes, wrong token fails with a 401xx code', async () => {
		const baseUrl = fakes.xinhuo.url;
		expect(await testCredential('xinhuoApi', { ...FAKE_CREDENTIALS.xinhuo, baseUrl })).toEqual(OK);
		const wrong = await testCredential('xinhuoApi', { token: 'dummy-wrong-token-000000', baseUrl });
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/\(401\d\d\)/);
	});

	test('webank: the endpoint answers in WeBank\'s shape; a non-WeBank URL fails', async () => {
		expect(await testCredential('webankApi', { ocrBaseUrl: fakes.webank.url })).toEqual(OK);
		// Another vendor's server answers, but not in WeBank's shape.
		const wrong = await testCredential('webankApi', { ocrBaseUrl: fakes.juhe.url });
		expect(wrong.status).toBe('Error');
	});
});
