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
  const n = text.length;
  const braces: Brace[] = [];
  /** For each open `(`: the word before it (a control keyword makes its `)` not a parameter list). */
  const parens: string[] = [];
  let prev: Prev = Prev.Operator;
  /** The last word, as offsets (sliced only when it is needed: before `(` and `/`). */
  let wordStart = 0;
  let wordEnd = 0;
  const prevWord = () => text.slice(wordStart, wordEnd);
  /** The word before the `(` whose `)` was the last token. */
  let lastParenOwner = "";
  /** After a parameter list's `)` and `:`: a return type, until the body's `{`. */
  let inReturnType = false;
  const out: BlankedBody[] = [];
  let i = 0;
  if (text.startsWith("#!")) i = text.indexOf("\n") < 0 ? n : text.indexOf("\n");

  /** Scan a template literal from after its opening backtick (or a `}` closing `${`). */
  const template = (from: number): number | undefined => {
    for (let j = from; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === 92) j++;
      else if (c === 96) return j + 1; // closing backtick
      else if (c === 36 && text.charCodeAt(j + 1) === 123) {
        braces.push({ open: j + 1, template: true, body: false });
        return -(j + 2); // negative: continue scanning code after `${`
      }
    }
    return undefined;
  };

  /** Go on after a template literal's part: code after `${` (r < 0), or a value after its end. */
  const resume = (r: number): void => {
    if (r < 0) {
      i = -r;
      prev = Prev.Operator;
    } else {
      i = r;
      prev = Prev.Value;
    }
    wordEnd = wordStart;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    // Whitespace.
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff) {
      i++;
      continue;
    }
    // Comments.
    if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const e = text.indexOf("\n", i);
      i = e < 0 ? n : e;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const e = text.indexOf("*/", i + 2);
      if (e < 0) return undefined;
      i = e + 2;
      continue;
    }
    // Strings.
    if (c === 34 || c === 39) {
      let j = i + 1;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d === 92) j++;
        else if (d === c) break;
        else if (d === 10 || d === 13) return undefined;
      }
      if (j >= n) return undefined;
      i = j + 1;
      prev = Prev.Value;
      wordEnd = wordStart;
      continue;
    }
    // Template literals.
    if (c === 96) {
      const r = template(i + 1);
      if (r === undefined) return undefined;
      resume(r);
      continue;
    }
    // Regular expression or division.
    if (c === 47) {
      const regex = prev === Prev.Operator || prev === Prev.Arrow || prev === Prev.Colon || (prev === Prev.Value && REGEX_AFTER_WORD.has(prevWord()));
      if (!regex) {
        i++;
        prev = Prev.Operator;
        wordEnd = wordStart;
        continue;
      }
      let j = i + 1;
      let cls = false;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d === 92) j++;
        else if (d === 10 || d === 13) return undefined;
        else if (d === 91) cls = true;
        else if (d === 93) cls = false;
        else if (d === 47 && !cls) break;
      }
      if (j >= n) return undefined;
      j++;
      while (j < n && isIdentChar(text.charCodeAt(j))) j++;
      i = j;
      prev = Prev.Value;
      wordEnd = wordStart;
      continue;
    }
    // Words and numbers.
    if (isIdentChar(c) || c === 92 || c === 35 || c === 64) {
      let j = i + 1;
      while (j < n && (isIdentChar(text.charCodeAt(j)) || text.charCodeAt(j) === 92)) j++;
      wordStart = i;
      wordEnd = j;
      // `1.5`, `1e-3`: the rest of a number is not an operator.
      if (c >= 48 && c <= 57) {
        while (j < n && (isIdentChar(text.charCodeAt(j)) || text.charCodeAt(j) === 46 || ((text.charCodeAt(j) === 43 || text.charCodeAt(j) === 45) && /[eE]/.test(text[j - 1]!)))) j++;
        wordEnd = wordStart;
      }
      i = j;
      prev = Prev.Value;
      continue;
    }
    // Punctuators.
    i++;
    switch (c) {
      case 40: // (
        parens.push(prev === Prev.Value ? prevWord() : "");
        prev = Prev.Operator;
        break;
      case 41: // )
        if (parens.length === 0) return undefined;
        lastParenOwner = parens.pop()!;
        prev = Prev.CloseParen;
        break;
      case 91: // [
        parens.push("[");
        prev = Prev.Operator;
        break;
      case 93: // ]
        if (parens.length === 0 || parens.pop() !== "[") return undefined;
        prev = Prev.CloseBracket;
        break;
      case 123: {
        // {
        let body = false;
        if (prev === Prev.Arrow) body = true;
        else if (prev === Prev.CloseParen) body = !CONTROL.has(lastParenOwner);
        // `): Promise<T> {` — a return type ended; `): {` and `| {` open a type literal instead.
        else if (inReturnType) body = prev === Prev.Value || prev === Prev.CloseBracket || prev === Prev.CloseBrace;
        braces.push({ open: i - 1, template: false, body, inType: inReturnType && !body });
        if (body) inReturnType = false;
        prev = Prev.Operator;
        break;
      }
      case 125: {
        // }
        const b = braces.pop();
        if (!b) return undefined;
        if (b.template) {
          const r = template(i);
          if (r === undefined) return undefined;
          resume(r);
          continue;
        }
        if (b.body && b.open + 1 < i - 1 && !holdsAny(interesting, b.open, i - 1)) {
          // The outermost blankable body wins: drop bodies inside this one.
          while (out.length > 0 && out[out.length - 1]!.open > b.open) out.pop();
          out.push({ open: b.open, close: i - 1 });
        }
        // The end of a type literal in a return type keeps the return type going; any other `}` ends it.
        inReturnType = b.inType === true;
        prev = Prev.CloseBrace;
        break;
      }
      case 61: // =
        if (text.charCodeAt(i) === 62) {
          i++;
          prev = Prev.Arrow;
        } else {
          prev = Prev.Operator;
          inReturnType = false;
        }
        break;
      case 58: // :
        if (prev === Prev.CloseParen && !CONTROL.has(lastParenOwner)) inReturnType = true;
        prev = Prev.Colon;
        break;
      case 59: // ;
        inReturnType = false;
        prev = Prev.Operator;
        break;
      case 46: // .
        prev = Prev.Operator;
        wordEnd = wordStart;
        break;
      case 62: // >: in a return type, the end of type arguments (`Promise<T> {`)
        prev = inReturnType ? Prev.CloseBracket : Prev.Operator;
        break;
      default:
        prev = Prev.Operator;
    }
  }
  if (braces.length > 0 || parens.length > 0) return undefined;
  return out;
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
