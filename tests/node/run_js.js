/*
 * Run the lab's browser assets under Node, for the unit tests (tests/test_js_node.py).
 *
 *   node tests/node/run_js.js assets/lab_math.js assets/lab_format.js
 *
 * The files are run in the order given in one `vm` context whose global object is also
 * `window`, as in a page (no DOM), so each defines its `window.labMath`, `window.labFormat`, ...
 * exactly as in the browser. Then stdin is read as JSON lines, one request a line,
 *
 *   {"script": "<a function body that reads arguments and window>", "args": [...]}
 *
 * and for each one a line is written to stdout:
 *
 *   {"value": <what the body returned, as JSON>}   or   {"error": "<the exception's stack>"}
 *
 * That is the contract of Selenium's execute_script (Infinity and NaN come back as null), so
 * the browser test and the Node test send the same scripts. The process lives until stdin
 * closes: one process serves a whole test module.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const readline = require('readline');
const vm = require('vm');

const page = vm.createContext({});
vm.runInContext('var window = this;', page);
for (const file of process.argv.slice(2)) {
  vm.runInContext(fs.readFileSync(file, 'utf8'), page, {filename: path.resolve(file)});
}

const lines = readline.createInterface({input: process.stdin, terminal: false});
lines.on('line', (line) => {
  if (!line.trim()) { return; }
  let reply;
  try {
    const request = JSON.parse(line);
    const body = vm.runInContext('(function () {\n' + request.script + '\n})', page);
    const value = body.apply(null, request.args || []);
    reply = JSON.stringify({value: value === undefined ? null : value});
  } catch (err) {
    reply = JSON.stringify({error: String((err && err.stack) || err)});
  }
  process.stdout.write(reply + '\n');
});
