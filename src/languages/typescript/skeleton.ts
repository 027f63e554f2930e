/**
 * The skeleton of a TypeScript file: the same text with the bodies of functions that hold nothing
 * of interest blanked out (every character but line breaks becomes a space), so offsets are
 * unchanged and the compiler parses far fewer tokens. The adapter only ever looks at nodes that
 * hold a match or an "interesting" offset (the names its pruned walks search for) and at their
 * ancestors, and name lookups only read the statements of enclosing scopes: a function body that
 * holds none of those offsets is never read, so blanking it leaves every result the same.
 *
 * The body ranges come from a small scanner (strings, template literals, comments, regular
 * expressions, brackets) that does not parse: it guesses which `{` opens a function body. The
 * guesses are checked after the parse (each blanked range must be exactly the body of a function
 * in the tree, and the skeleton must parse without errors); when a check fails, the adapter parses
 * the whole text instead. Anything the scanner does not understand (an unterminated string,
 * template or expression, unbalanced brackets) means no skeleton at all.
 *
 * Only for `.ts`/`.mts`/`.cts` files and JavaScript files in which nothing can be JSX (see
 * skeletonFits in typescript.ts): JSX text is not JavaScript tokens.
 */

/** A blanked body: the offsets of its `{` and `}`. */
export interface BlankedBody {
  open: number;
  close: number;
}

/** Words before a `(` whose `)` is not a parameter list (`for await (…)` included). */
const CONTROL = new Set(["if", "for", "while", "switch", "catch", "with", "await"]);
/** Keywords after which `/` starts a regular expression, not a division. */
const REGEX_AFTER_WORD = new Set([
  "return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "instanceof", "yield", "await",
]);

const enum Prev {
  /** Start of file or an operator/punctuator after which an expression starts. */
  Operator,
  /** An identifier, keyword, number, string, template or regular expression: a value ended. */
  Value,
  CloseParen,
  CloseBracket,
  CloseBrace,
  Arrow,
  Colon,
}

interface Brace {
  open: number;
  /** `${` of a template literal: its `}` resumes the template. */
  template: boolean;
  /** Guessed to open a function body. */
  body: boolean;
  /** Opened inside a return type (a type literal: `): { a: string } {`). */
  inType?: boolean;
}

function isIdentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c > 127;
}

/**
 * The function bodies to blank: those that contain none of `interesting` (sorted offsets) and no
 * other blanked body's parent. Undefined when the scanner meets something it does not understand.
 */
export function blankableBodies(text: string, interesting: readonly number[]): BlankedBody[] | undefined {
  return new BodyScanner(text, interesting).run();
}

/** The scanner of blankableBodies: one token per step; a step that does not understand the text returns false. */
class BodyScanner {
  private readonly n: number;
  private readonly braces: Brace[] = [];
  /** For each open `(`: the word before it (a control keyword makes its `)` not a parameter list). */
  private readonly parens: string[] = [];
  private prev: Prev = Prev.Operator;
  /** The last word, as offsets (sliced only when it is needed: before `(` and `/`). */
  private wordStart = 0;
  private wordEnd = 0;
  /** The word before the `(` whose `)` was the last token. */
  private lastParenOwner = "";
  /** After a parameter list's `)` and `:`: a return type, until the body's `{`. */
  private inReturnType = false;
  private readonly out: BlankedBody[] = [];
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly interesting: readonly number[],
  ) {
    this.n = text.length;
    if (text.startsWith("#!")) this.i = text.indexOf("\n") < 0 ? this.n : text.indexOf("\n");
  }

  run(): BlankedBody[] | undefined {
    while (this.i < this.n) if (!this.step()) return undefined;
    if (this.braces.length > 0 || this.parens.length > 0) return undefined;
    return this.out;
  }

  private prevWord(): string {
    return this.text.slice(this.wordStart, this.wordEnd);
  }

  private step(): boolean {
    const text = this.text;
    const c = text.charCodeAt(this.i);
    // Whitespace.
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff) {
      this.i++;
      return true;
    }
    // Comments.
    if (c === 47 && text.charCodeAt(this.i + 1) === 47) {
      const e = text.indexOf("\n", this.i);
      this.i = e < 0 ? this.n : e;
      return true;
    }
    if (c === 47 && text.charCodeAt(this.i + 1) === 42) {
      const e = text.indexOf("*/", this.i + 2);
      if (e < 0) return false;
      this.i = e + 2;
      return true;
    }
    if (c === 34 || c === 39) return this.string(c);
    if (c === 96) return this.templatePart(this.i + 1);
    if (c === 47) return this.slash();
    if (isIdentChar(c) || c === 92 || c === 35 || c === 64) {
      this.word(c);
      return true;
    }
    this.i++;
    return this.punctuator(c);
  }

  private string(quote: number): boolean {
    const text = this.text;
    let j = this.i + 1;
    for (; j < this.n; j++) {
      const d = text.charCodeAt(j);
      if (d === 92) j++;
      else if (d === quote) break;
      else if (d === 10 || d === 13) return false;
    }
    if (j >= this.n) return false;
    this.i = j + 1;
    this.prev = Prev.Value;
    this.wordEnd = this.wordStart;
    return true;
  }

  /**
   * Scan a template literal's part from after its opening backtick (or a `}` closing `${`), and go
   * on after it: with code after `${`, or with a value after its end.
   */
  private templatePart(from: number): boolean {
    const text = this.text;
    for (let j = from; j < this.n; j++) {
      const c = text.charCodeAt(j);
      if (c === 92) j++;
      else if (c === 96) {
        // The closing backtick.
        this.i = j + 1;
        this.prev = Prev.Value;
        this.wordEnd = this.wordStart;
        return true;
      } else if (c === 36 && text.charCodeAt(j + 1) === 123) {
        this.braces.push({ open: j + 1, template: true, body: false });
        this.i = j + 2;
        this.prev = Prev.Operator;
        this.wordEnd = this.wordStart;
        return true;
      }
    }
    return false;
  }

  /** A regular expression or a division. */
  private slash(): boolean {
    const prev = this.prev;
    const regex = prev === Prev.Operator || prev === Prev.Arrow || prev === Prev.Colon || (prev === Prev.Value && REGEX_AFTER_WORD.has(this.prevWord()));
    if (!regex) {
      this.i++;
      this.prev = Prev.Operator;
      this.wordEnd = this.wordStart;
      return true;
    }
    const text = this.text;
    let j = this.i + 1;
    let cls = false;
    for (; j < this.n; j++) {
      const d = text.charCodeAt(j);
      if (d === 92) j++;
      else if (d === 10 || d === 13) return false;
      else if (d === 91) cls = true;
      else if (d === 93) cls = false;
      else if (d === 47 && !cls) break;
    }
    if (j >= this.n) return false;
    j++;
    while (j < this.n && isIdentChar(text.charCodeAt(j))) j++;
    this.i = j;
    this.prev = Prev.Value;
    this.wordEnd = this.wordStart;
    return true;
  }

  /** Words and numbers. */
  private word(c: number): void {
    const text = this.text;
    const n = this.n;
    let j = this.i + 1;
    while (j < n && (isIdentChar(text.charCodeAt(j)) || text.charCodeAt(j) === 92)) j++;
    this.wordStart = this.i;
    this.wordEnd = j;
    // `1.5`, `1e-3`: the rest of a number is not an operator.
    if (c >= 48 && c <= 57) {
      while (j < n && (isIdentChar(text.charCodeAt(j)) || text.charCodeAt(j) === 46 || ((text.charCodeAt(j) === 43 || text.charCodeAt(j) === 45) && /[eE]/.test(text[j - 1]!)))) j++;
      this.wordEnd = this.wordStart;
    }
    this.i = j;
    this.prev = Prev.Value;
  }

  /** A punctuator `c`, with `i` already after it. */
  private punctuator(c: number): boolean {
    switch (c) {
      case 40: // (
        this.parens.push(this.prev === Prev.Value ? this.prevWord() : "");
        this.prev = Prev.Operator;
        return true;
      case 41: // )
        if (this.parens.length === 0) return false;
        this.lastParenOwner = this.parens.pop()!;
        this.prev = Prev.CloseParen;
        return true;
      case 91: // [
        this.parens.push("[");
        this.prev = Prev.Operator;
        return true;
      case 93: // ]
        if (this.parens.length === 0 || this.parens.pop() !== "[") return false;
        this.prev = Prev.CloseBracket;
        return true;
      case 123: // {
        this.openBrace();
        return true;
      case 125: // }
        return this.closeBrace();
      default:
        this.operator(c);
        return true;
    }
  }

  private openBrace(): void {
    const prev = this.prev;
    let body = false;
    if (prev === Prev.Arrow) body = true;
    else if (prev === Prev.CloseParen) body = !CONTROL.has(this.lastParenOwner);
    // `): Promise<T> {` — a return type ended; `): {` and `| {` open a type literal instead.
    else if (this.inReturnType) body = prev === Prev.Value || prev === Prev.CloseBracket || prev === Prev.CloseBrace;
    this.braces.push({ open: this.i - 1, template: false, body, inType: this.inReturnType && !body });
    if (body) this.inReturnType = false;
    this.prev = Prev.Operator;
  }

  private closeBrace(): boolean {
    const b = this.braces.pop();
    if (!b) return false;
    if (b.template) return this.templatePart(this.i);
    const i = this.i;
    if (b.body && b.open + 1 < i - 1 && !holdsAny(this.interesting, b.open, i - 1)) {
      // The outermost blankable body wins: drop bodies inside this one.
      const out = this.out;
      while (out.length > 0 && out[out.length - 1]!.open > b.open) out.pop();
      out.push({ open: b.open, close: i - 1 });
    }
    // The end of a type literal in a return type keeps the return type going; any other `}` ends it.
    this.inReturnType = b.inType === true;
    this.prev = Prev.CloseBrace;
    return true;
  }

  private operator(c: number): void {
    switch (c) {
      case 61: // =
        if (this.text.charCodeAt(this.i) === 62) {
          this.i++;
          this.prev = Prev.Arrow;
        } else {
          this.prev = Prev.Operator;
          this.inReturnType = false;
        }
        break;
      case 58: // :
        if (this.prev === Prev.CloseParen && !CONTROL.has(this.lastParenOwner)) this.inReturnType = true;
        this.prev = Prev.Colon;
        break;
      case 59: // ;
        this.inReturnType = false;
        this.prev = Prev.Operator;
        break;
      case 46: // .
        this.prev = Prev.Operator;
        this.wordEnd = this.wordStart;
        break;
      case 62: // >: in a return type, the end of type arguments (`Promise<T> {`)
        this.prev = this.inReturnType ? Prev.CloseBracket : Prev.Operator;
        break;
      default:
        this.prev = Prev.Operator;
    }
  }
}

/** Whether a sorted list holds an offset in (open, close). */
function holdsAny(sorted: readonly number[], open: number, close: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= open) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo]! < close;
}

/** The text with these bodies' insides blanked (line breaks kept), or the text itself when none. */
export function blankBodies(text: string, bodies: readonly BlankedBody[]): string {
  if (bodies.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const b of bodies) {
    parts.push(text.slice(at, b.open + 1));
    // Spaces for everything but line breaks, which stay where they are.
    let from = b.open + 1;
    for (let k = from; k < b.close; k++) {
      const c = text.charCodeAt(k);
      if (c !== 10 && c !== 13) continue;
      if (k > from) parts.push(spaces(k - from));
      parts.push(c === 10 ? "\n" : "\r");
      from = k + 1;
    }
    if (b.close > from) parts.push(spaces(b.close - from));
    at = b.close;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

let SPACES = " ".repeat(1024);

function spaces(n: number): string {
  while (SPACES.length < n) SPACES += SPACES;
  return SPACES.slice(0, n);
}
