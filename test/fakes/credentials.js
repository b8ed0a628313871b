'use strict';
// @ts-check

/**
 * The secrets the fakes accept. They look like real vendor secrets (length, alphabet) and share no
 * substring with one another, so leak tests can search any output for them.
 *
 * @type {import('./index').FakeCredentials}
 */
const FAKE_CREDENTIALS = Object.freeze({
	juhe: Object.freeze({ apiKey: 'f3a9c1d27e8b4065a1c9e2d7b5f80a34' }),
	volcengine: Object.freeze({
		accessKeyId: 'AKLTNmQ4ZjE3YzJhOWI0NGUwNThhMzFjN2U5ZDBiMmY0YTY',
		secretAccessKey: 'WkRaaU9UUTBNVEV5WkRFMk5HSTRPVGxsTkRZeU1XRmxZVEUzT0dWa05tUQ==',
		region: 'cn-north-1',
	}),
	jumdata: Object.freeze({
		appId: 'jd7c41e09b5a2f8d63e1',
		appSecret: 'e8c1f47a9b2d4e6f8a0c3b5d7e9f1a2c',
	}),
	xinhuo: Object.freeze({ token: 'ef9c58e2a61b4f07c3d9b84a1e62dbca' }),
	webank: Object.freeze({}),
});

module.exports = { FAKE_CREDENTIALS };
