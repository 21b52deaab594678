// The static half of the save check: with acorn's syntax tree of the function's code, finds the entry point by
// the rule the executor runs it with, and the modules it imports. Called as check(acorn, code, isModule, known)
// and answers JSON: {"message", "line", "column"} for the first problem, or null.
(function entryPointChecker(acorn) {
  'use strict';
  const named = (node, name) => node && ((node.type === 'Identifier' && node.name === name) || (node.type === 'Literal' && node.value === name));
  const member = (node, object, property) => node && node.type === 'MemberExpression' && named(node.object, object)
    && (named(node.property, property));
  // A value that can be a function: a function, a call (a wrapper returning one) or a name bound to one.
  const callable = (node) => node && ['FunctionExpression', 'ArrowFunctionExpression', 'CallExpression', 'Identifier',
    'FunctionDeclaration', 'ConditionalExpression', 'LogicalExpression', 'AwaitExpression'].includes(node.type);
  const objectWithLambda = (node) => node && node.type === 'ObjectExpression'
    && node.properties.some((p) => p.type === 'Property' && named(p.key, 'lambda') && (p.shorthand || callable(p.value)));
  const declaresLambda = (node) => (node.type === 'FunctionDeclaration' && named(node.id, 'lambda'))
    || (node.type === 'VariableDeclaration' && node.declarations.some((d) => named(d.id, 'lambda') && callable(d.init)));
  const assignsEntryPoint = (node) => {
    if (node.type !== 'ExpressionStatement' || node.expression.type !== 'AssignmentExpression') return false;
    const { left, right } = node.expression;
    if (member(left, 'module', 'exports')) return callable(right) || objectWithLambda(right);
    return member(left, 'exports', 'lambda') || member(left, 'globalThis', 'lambda') || member(left, 'global', 'lambda')
      || (left.type === 'MemberExpression' && member(left.object, 'module', 'exports') && named(left.property, 'lambda'));
  };
  const exportsEntryPoint = (node) => {
    if (node.type === 'ExportDefaultDeclaration') return true;
    if (node.type !== 'ExportNamedDeclaration') return false;
    if (node.declaration) return declaresLambda(node.declaration);
    return node.specifiers.some((s) => named(s.exported, 'lambda') || named(s.exported, 'default'));
  };
  const problem = (message, node) => JSON.stringify({ message, line: node ? node.loc.start.line : 0, column: node ? node.loc.start.column + 1 : 0 });

  return function check(code, isModule, knownModules) {
    let program;
    try {
      program = acorn.parse(code, { ecmaVersion: 'latest', sourceType: isModule ? 'module' : 'script', locations: true,
        allowHashBang: true, allowReturnOutsideFunction: false });
    } catch (e) {
      return JSON.stringify({ message: 'SyntaxError: ' + e.message.replace(/ \(\d+:\d+\)$/, ''), line: e.loc ? e.loc.line : 0,
        column: e.loc ? e.loc.column + 1 : 0 });
    }
    const known = new Set(knownModules.split(','));
    for (const node of program.body) {
      const source = (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration'
        || (node.type === 'ExportNamedDeclaration' && node.source)) ? node.source.value : null;
      if (source !== null) {
        const id = String(source).replace(/^node:/, '').replace(/(.)\/$/, '$1');
        if (!known.has(id)) return problem("Cannot find module '" + source + "': functions may import " + [...known].sort().join(', '), node.source);
      }
    }
    const found = program.body.some((node) => declaresLambda(node) || assignsEntryPoint(node) || (isModule && exportsEntryPoint(node)));
    if (found) return null;
    return problem(isModule
      ? 'the module has no entry point: export a function lambda (export async function lambda), export a function as default, '
        + 'or declare a top-level function lambda'
      : 'the code has no entry point: define a function lambda, or assign a function to module.exports or exports.lambda', null);
  };
})
