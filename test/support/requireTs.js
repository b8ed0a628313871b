'use strict';
// Lets plain Node scripts (the demo, the e2e, the benches) require the TypeScript test tooling and package
// sources directly, transpiled on the fly with the project's own TypeScript (no type check: `npm run build`
// does that). Usage: require('./requireTs'); const { digitalInvoiceXml } = require('./einvoiceFixtures');

const fs = require('node:fs');
const ts = require('typescript');

if (!require.extensions['.ts']) {
	require.extensions['.ts'] = (module, filename) => {
		const source = fs.readFileSync(filename, 'utf8');
		const { outputText } = ts.transpileModule(source, {
			fileName: filename,
			compilerOptions: {
				module: ts.ModuleKind.CommonJS,
				target: ts.ScriptTarget.ES2022,
				esModuleInterop: true,
				sourceMap: false,
			},
		});
		module._compile(outputText, filename);
	};
}
