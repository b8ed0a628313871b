'use strict';
// ts-jest for TypeScript, plus one line per module (TypeScript and the tests' own JavaScript). Jest runs every
// module inside a vm context, where each lookup of a global (`Math`, `Uint8Array`…) goes through the context's property interceptor: about 150 ns a call, so the
// image, QR and PDF pixel loops ran 10–40× slower under jest than in n8n (upscaling a 480×300 image: 360 ms
// against 8 ms), and tests timed what jest costs, not what the package costs. A module-level binding of the
// hot globals makes their lookups ordinary closure reads again; nothing else changes.
const { TsJestTransformer } = require('ts-jest');

// Not `Date`: jest's fake timers replace it after modules load, and a bound one would not follow.
const HOT_GLOBALS = ['Math', 'Number', 'Uint8Array', 'Int32Array', 'Uint16Array', 'Uint32Array', 'Float64Array', 'Array', 'String'];
const BINDING = `const { ${HOT_GLOBALS.join(', ')} } = globalThis;`;

function withGlobalsBound(code) {
	// After "use strict" (which must stay first), on the same line, so the source map's lines still match.
	const strict = /^("use strict";|'use strict';)/.exec(code);
	return strict ? `${strict[0]}${BINDING}${code.slice(strict[0].length)}` : `${BINDING}${code}`;
}

module.exports = {
	createTransformer(options) {
		const tsJest = new TsJestTransformer(options);
		return {
			canInstrument: false,
			getCacheKey: (...args) => `${tsJest.getCacheKey(...args)}:globals-bound-2`,
			process(source, path, ...rest) {
				// The project's own JavaScript (fakes, fixtures, harness) only gets the binding.
				if (path.endsWith('.js')) return { code: withGlobalsBound(source) };
				const result = tsJest.process(source, path, ...rest);
				return typeof result === 'string' ? withGlobalsBound(result) : { ...result, code: withGlobalsBound(result.code) };
			},
		};
	},
};
