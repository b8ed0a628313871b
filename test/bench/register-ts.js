'use strict';
// @ts-check
/**
 * Lets plain `node` require the package's TypeScript sources (the engine harness loads `nodes/**.ts`,
 * as the jest tests do), by transpiling each file with the repo's own TypeScript on first require.
 * Transpile only, like the jest config: `npm run build` is the type check.
 */
const fs = require('node:fs');
const ts = require('typescript');

/** @param {any} module @param {string} filename */
function compileTypeScript(module, filename) {
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
}

// Replaces Node's own type stripping for .ts, which would load these ES-module-syntax files as ESM
// and not resolve their extensionless relative imports.
require.extensions['.ts'] = compileTypeScript;
