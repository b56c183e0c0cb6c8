/**
 * Writes public/embed.d.ts, the types of the embed kit (public/embed.js), from the API's own
 * TypeScript types in src/api/messages.ts, with the TypeScript compiler API:
 *
 *   messages.ts's exported types ─▶ each declaration: its source text (with its doc comment)
 *   when every name in it is one this file declares too, else the type the checker resolves it
 *   to (e.g. `Settings`, `MethodId`: mapped over the app's schemas) ─▶ names they refer to that
 *   the project declares are added, and so on ─▶ then the element's own declarations.
 *
 *   node scripts/embedTypes.mjs          writes the file (npm run build does this first)
 *   node scripts/embedTypes.mjs --check  exits 1 when the file is stale
 * scripts/embedTypes.test.ts fails when the checked-in file differs from what this writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ENTRY = 'src/api/messages.ts';
export const OUTPUT = 'public/embed.d.ts';
/** The API's types an article needs; the names they use follow. */
const ROOTS = ['ApiRequestId', 'ApiCommand', 'ApiCommandType', 'ApiCommandMessage', 'ApiMetrics', 'ApiEventFields', 'ApiEventType', 'ApiEvent', 'Phase'];

const FLAGS = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType | ts.TypeFormatFlags.InTypeAlias;

/** The symbol a name or import refers to, through import aliases. */
function resolved(checker, symbol) {
  return symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

const isProjectFile = (file) => !file.isDeclarationFile && relative(ROOT, file.fileName).startsWith('src');
const typeDeclarationOf = (symbol) => symbol?.declarations?.find((d) => ts.isTypeAliasDeclaration(d) || ts.isInterfaceDeclaration(d));

/** The last doc comment (`/** … *\/`) right before a declaration, as written. */
function docOf(decl) {
  const text = decl.getSourceFile().text;
  const ranges = ts.getLeadingCommentRanges(text, decl.getFullStart()) ?? [];
  const doc = ranges.filter((r) => text.startsWith('/**', r.pos)).at(-1);
  return doc ? `${text.slice(doc.pos, doc.end)}\n` : '';
}

/**
 * What a declaration's type refers to: project type names (symbol per name), `typeof x` of a
 * literal constant (written as the literal), and whether it needs the checker (other values, local helpers).
 */
function referencesOf(checker, decl) {
  const names = new Map();
  const literals = [];
  let opaque = false;
  const visit = (node) => {
    if (ts.isTypeQueryNode(node)) {
      const type = checker.getTypeFromTypeNode(node);
      if (type.isLiteral() || type.flags & ts.TypeFlags.BooleanLiteral) literals.push({ node, text: checker.typeToString(type, decl, FLAGS) });
      else opaque = true;
      return;
    }
    if (ts.isTypeReferenceNode(node) || ts.isExpressionWithTypeArguments(node)) {
      const id = ts.isTypeReferenceNode(node) ? node.typeName : node.expression;
      const symbol = resolved(checker, checker.getSymbolAtLocation(id));
      const target = typeDeclarationOf(symbol);
      if (symbol && symbol.flags & ts.SymbolFlags.TypeParameter) {
        // a parameter of the declaration: fine
      } else if (target && isProjectFile(target.getSourceFile())) {
        if (!ts.isIdentifier(id) || id.text !== symbol.name)
          opaque = true; // renamed or qualified: print resolved
        else names.set(symbol.name, symbol);
      } else if (!target?.getSourceFile().isDeclarationFile) opaque = true;
    }
    ts.forEachChild(node, visit);
  };
  if (ts.isTypeAliasDeclaration(decl)) visit(decl.type);
  else decl.members.forEach(visit);
  if (decl.typeParameters?.length) opaque = true;
  return { names, literals, opaque };
}

/** A type the checker resolved, as a declaration: objects one property a line, unions one member a line when long. */
function expanded(checker, name, decl, doc) {
  const type = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(decl.name));
  if (type.isUnion()) {
    const members = type.types.map((t) => checker.typeToString(t, decl, FLAGS));
    const one = `export type ${name} = ${members.join(' | ')};`;
    return doc + (one.length <= 120 ? one : `export type ${name} =\n${members.map((m) => `  | ${m}`).join('\n')};`);
  }
  const props = checker.getPropertiesOfType(type);
  if (type.flags & ts.TypeFlags.Object && props.length > 0) {
    const lines = props.map((p) => {
      const optional = p.flags & ts.SymbolFlags.Optional ? '?' : '';
      return `  ${p.name}${optional}: ${checker.typeToString(checker.getTypeOfSymbol(p), decl, FLAGS)};`;
    });
    return `${doc}export interface ${name} {\n${lines.join('\n')}\n}`;
  }
  return `${doc}export type ${name} = ${checker.typeToString(type, decl, FLAGS)};`;
}

/** One exported declaration, and the project names it refers to. */
function declare(checker, symbol) {
  const decl = typeDeclarationOf(symbol);
  const { names, literals, opaque } = referencesOf(checker, decl);
  const doc = docOf(decl);
  if (opaque) return { text: expanded(checker, symbol.name, decl, doc), names: new Map() };
  const start = decl.getStart();
  let body = decl.getText();
  for (const { node, text } of literals.sort((a, b) => b.node.getStart() - a.node.getStart())) {
    body = body.slice(0, node.getStart() - start) + text + body.slice(node.getEnd() - start);
  }
  return { text: `${doc}export ${body.replace(/^export\s+/, '')}`, names };
}

const ELEMENT = `
// ---- The element (public/embed.js) ----

/** One event's message, by its type, e.g. \`ApiEventOf<'state'>\`. */
export type ApiEventOf<T extends ApiEventType> = Extract<ApiEvent, { type: T }>;

/** What \`send\` resolves with: getState the \`state\` event, exportRun the \`run\` event, any other command its \`accepted\` event. */
export type LensReply<C extends ApiCommand> = C['type'] extends 'getState' ? ApiEventOf<'state'> : C['type'] extends 'exportRun' ? ApiEventOf<'run'> : ApiEventOf<'accepted'>;

/** What \`send\` rejects with when the app refuses a command: its message, and the \`error\` event itself. */
export interface LensError extends Error {
  detail: ApiEventOf<'error'> | null;
}

/** Every app event, re-dispatched on the element as \`lens-<type>\` with the message as \`detail\`. */
export type LotteryLensEventMap = HTMLElementEventMap & { [T in ApiEventType as \`lens-\${T}\`]: CustomEvent<ApiEventOf<T>> };

/** \`<lottery-lens query="seedInit=7" panel="features">\`: Lottery Lens in an iframe, driven by \`send\`. */
export interface LotteryLensElement extends HTMLElement {
  /** The experiment's URL query, e.g. \`seedInit=7&steps=400\` (attribute \`query\`). */
  query: string;
  /** The panel the figure shows (attribute \`panel\`; left out: the query's, else feature space). */
  panel: string;
  /** The app's base URL (attribute \`src\`; left out: the folder embed.js was loaded from). */
  src: string;
  /** The iframe's title, for screen readers (attribute \`label\`). */
  label: string;
  /** True once the app in the frame has said \`ready\`; commands sent before wait for it. */
  readonly ready: boolean;
  /** Sends one command (a request id is added); settles with the app's answer (LensReply) or rejects with a LensError. */
  send<C extends ApiCommand>(command: C): Promise<LensReply<C>>;
  addEventListener<K extends keyof LotteryLensEventMap>(type: K, listener: (this: LotteryLensElement, ev: LotteryLensEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof LotteryLensEventMap>(type: K, listener: (this: LotteryLensElement, ev: LotteryLensEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'lottery-lens': LotteryLensElement;
  }
}
`;

/** The text of public/embed.d.ts. */
export function embedTypes() {
  const configPath = join(ROOT, 'tsconfig.json');
  const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, ROOT);
  const program = ts.createProgram([join(ROOT, ENTRY)], { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(join(ROOT, ENTRY))));
  const queue = ROOTS.map((name) => {
    const symbol = resolved(
      checker,
      exports.find((s) => s.name === name),
    );
    if (!symbol) throw new Error(`${ENTRY} no longer exports ${name}`);
    return symbol;
  });
  const done = new Map();
  while (queue.length > 0) {
    const symbol = queue.shift();
    if (done.has(symbol.name)) continue;
    const { text, names } = declare(checker, symbol);
    done.set(symbol.name, text);
    for (const s of names.values()) if (!done.has(s.name)) queue.push(s);
  }
  const head = `// Generated by scripts/embedTypes.mjs from ${ENTRY} (the embed API's own types): do not edit.
// The types of public/embed.js, the <lottery-lens> element, and the postMessage API it speaks.
`;
  return `${head}\n${[...done.values()].join('\n\n')}\n${ELEMENT}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = embedTypes();
  const path = join(ROOT, OUTPUT);
  if (process.argv.includes('--check')) {
    const now = (() => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return '';
      }
    })();
    if (now !== text) {
      console.error(`${OUTPUT} is stale: run node scripts/embedTypes.mjs`);
      process.exit(1);
    }
  } else writeFileSync(path, text);
}
