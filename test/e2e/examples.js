'use strict';
// The example workflows (examples/*.workflow.json) as the tests read them: every file, also one added later, and
// where each example's Switch on `invoiceType` sends a given type (test/unit/exampleWorkflows.test.ts holds every
// example to the same branch per type).

const fs = require('node:fs');
const path = require('node:path');

const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples');
const INVOICE_TYPE_VALUE = '={{ $json.invoiceType }}';

/** Every example workflow: [{ file (name in examples/), workflow }], sorted by file name. */
function exampleWorkflows() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((name) => name.endsWith('.workflow.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) }));
}

/** The Switch nodes of a workflow whose rules test `{{ $json.invoiceType }}`. */
function invoiceTypeSwitches(workflow) {
	return workflow.nodes.filter(
		(node) =>
			node.type === 'n8n-nodes-base.switch' &&
			(node.parameters?.rules?.values ?? []).some((rule) =>
				(rule.conditions?.conditions ?? []).some((condition) => condition.leftValue === INVOICE_TYPE_VALUE),
			),
	);
}

/**
 * The output an invoice of `type` leaves a Switch by, by name: the first rule that holds (rules of "equals"
 * conditions on `invoiceType`, any of them, or all with "and"), else the fallback output's name, else null (the
 * item is dropped). A rule of any other shape throws: it would need reading here before the answer can be trusted.
 */
function invoiceTypeBranch(switchNode, type) {
	const rules = switchNode.parameters.rules.values;
	for (const [index, rule] of rules.entries()) {
		const conditions = rule.conditions.conditions;
		const results = conditions.map((condition) => {
			if (condition.leftValue !== INVOICE_TYPE_VALUE || condition.operator?.operation !== 'equals') {
				throw new Error(`"${switchNode.name}" rule ${index}: a condition this check does not read (${JSON.stringify(condition)})`);
			}
			return condition.rightValue === type;
		});
		const holds = rule.conditions.combinator === 'and' ? results.every(Boolean) : results.some(Boolean);
		if (holds) return rule.renameOutput && rule.outputKey ? rule.outputKey : String(index);
	}
	const options = switchNode.parameters.options ?? {};
	if (options.fallbackOutput === 'extra') return options.renameFallbackOutput || 'Fallback';
	// "Output N": the fallback joins a rule's output.
	if (typeof options.fallbackOutput === 'number') {
		const rule = rules[options.fallbackOutput];
		return rule.renameOutput && rule.outputKey ? rule.outputKey : String(options.fallbackOutput);
	}
	return null;
}

module.exports = { EXAMPLES_DIR, exampleWorkflows, invoiceTypeBranch, invoiceTypeSwitches };
