// CodeMirror 6 for function code (JavaScript highlighting, completion, inline errors) and for JSON payloads.
import { useEffect, useRef } from 'preact/hooks';
import { EditorState, StateEffect } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, defaultHighlightStyle, foldGutter, indentOnInput, syntaxHighlighting, syntaxTree } from '@codemirror/language';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { forceLinting, linter, lintGutter, lintKeymap } from '@codemirror/lint';
import { javascript, javascriptLanguage } from '@codemirror/lang-javascript';
import { functionCompletions } from './completions.js';

/** Marks a transaction that brings new diagnostics from the check on save, so the linter runs again without an edit. */
const diagnosticsArrived = StateEffect.define();

function baseExtensions(label) {
  return [
    lineNumbers(), highlightActiveLineGutter(), foldGutter(), history(), drawSelection(), indentOnInput(), bracketMatching(),
    closeBrackets(), highlightActiveLine(), highlightSelectionMatches(), syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    // Tab indents; Escape then Tab (or Ctrl-M) moves the focus on, so the page stays usable with the keyboard.
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]),
    EditorView.contentAttributes.of({ 'aria-label': label }),
  ];
}

/**
 * An editor of `value`; `onChange(text)` on every edit. The text is replaced by `value` only when `revision` changes
 * (loaded, restored, reset): re-applying the echo of its own edits would fight the typing. `diagnostics` are
 * [{line, column, message}] shown inline.
 */
export function CodeEditor({ value, revision, onChange, completionContext, diagnostics, readOnly, label = 'Function code', onSave, short, testid = 'code-editor' }) {
  const host = useRef(null);
  const view = useRef(null);
  const callbacks = useRef({});
  callbacks.current = { onChange, completionContext, onSave, diagnostics };
  useEffect(() => {
    const extensions = [
      ...baseExtensions(label),
      javascript(),
      EditorView.updateListener.of((update) => {
        if (update.docChanged && callbacks.current.onChange) {
          callbacks.current.onChange(update.state.doc.toString());
        }
      }),
      EditorState.readOnly.of(!!readOnly),
      EditorView.editable.of(!readOnly),
      keymap.of([{ key: 'Mod-s', preventDefault: true, run: () => { callbacks.current.onSave && callbacks.current.onSave(); return true; } }]),
    ];
    if (completionContext) {
      extensions.push(lintGutter(), linter((v) => [...syntaxErrors(v.state), ...(callbacks.current.diagnostics || []).map((d) => toDiagnostic(v.state.doc, d))],
        { delay: 400, needsRefresh: (update) => update.transactions.some((tr) => tr.effects.some((e) => e.is(diagnosticsArrived))) }), autocompletion({ activateOnTyping: true }),
        javascriptLanguage.data.of({ autocomplete: functionCompletions(() => callbacks.current.completionContext()) }));
    }
    view.current = new EditorView({ parent: host.current, state: EditorState.create({ doc: value || '', extensions }) });
    return () => view.current.destroy();
  }, [readOnly]);
  useEffect(() => {
    const editor = view.current;
    if (editor && (value || '') !== editor.state.doc.toString()) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value || '' } });
    }
  }, [revision, readOnly ? value : undefined]);
  useEffect(() => {
    const editor = view.current;
    if (editor && completionContext) {
      editor.dispatch({ effects: diagnosticsArrived.of(null) });
      forceLinting(editor);
    }
  }, [diagnostics]);
  return <div class={`code-editor${short ? ' short' : ''}`} ref={host} data-testid={testid} />;
}

/**
 * Syntax errors as the editor's own parser sees them while typing; the platform's check on save (GraalJS, entry point,
 * imports) is authoritative and its errors replace these.
 */
function syntaxErrors(state) {
  const found = [];
  syntaxTree(state).cursor().iterate((node) => {
    if (node.type.isError && found.length < 20) {
      const line = state.doc.lineAt(node.from);
      found.push({ from: node.from, to: Math.min(Math.max(node.to, node.from + 1), line.to), severity: 'error',
        message: `Syntax error at line ${line.number}, column ${node.from - line.from + 1}`, source: 'editor' });
    }
  });
  return found;
}

function toDiagnostic(doc, { line, column, message }) {
  const lineInfo = doc.line(Math.min(Math.max(line || 1, 1), doc.lines));
  const from = Math.min(lineInfo.from + Math.max((column || 1) - 1, 0), lineInfo.to);
  return { from, to: Math.min(Math.max(from + 1, lineInfo.to), doc.length), severity: 'error', message, source: 'check on save' };
}

/** The line and column the code check names ("line 2, column 17: ..."), for inline errors. */
export function codeDiagnostics(problem) {
  if (!problem || !Array.isArray(problem.errors)) {
    return [];
  }
  return problem.errors.filter((e) => e.field === '/code').map((e) => {
    const place = /line (\d+), column (\d+):\s*(.*)/s.exec(e.message);
    return place ? { line: Number(place[1]), column: Number(place[2]), message: place[3] } : { line: 1, column: 1, message: e.message };
  });
}
