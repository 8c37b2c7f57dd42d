/**
 * Whether a line is a line of program code: comments and strings in code are typed without
 * marks by convention (`console.log("Xin chao", ten); // in loi chao`), and the words between
 * them are names of the program (`ten`), so no marks are restored in such a line. One sign
 * of code is common in prose too (a list item ends with `;`, `a = 3` in a sum); it takes two
 * kinds. One pass over the line's characters, no regular expression.
 */

const SEMICOLON = 0x3b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const EQUALS = 0x3d;
const SLASH = 0x2f;
const HASH = 0x23;
const SPACE = 0x20;
const TAB = 0x09;
const DOT = 0x2e;
const UNDERSCORE = 0x5f;
const CLOSE_BRACKET = 0x5d;

/** Kinds of signs of code, one bit each. */
const CALL = 1;
const STATEMENT_END = 2;
const ASSIGNMENT = 4;
const COMMENT_AFTER_CODE = 8;

export function isCodeLine(line: string): boolean {
  let signs = 0;
  // Where the code ends: a comment's start, or the line's end.
  let codeEnd = line.length;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === OPEN_PAREN && isCallee(line, i)) signs |= CALL;
    else if (c === EQUALS && isAssignment(line, i)) signs |= ASSIGNMENT;
    else if (commentStartsAt(line, i, c)) {
      codeEnd = i;
      if (hasTextBefore(line, i)) signs |= COMMENT_AFTER_CODE;
      // A line that opens with `//` is a comment of code: prose never does.
      else if (c === SLASH) return true;
      break;
    }
  }
  const last = lastNonSpace(line, codeEnd);
  if (last >= 0) {
    const c = line.charCodeAt(last);
    if (c === SEMICOLON || c === OPEN_BRACE || c === CLOSE_BRACE) signs |= STATEMENT_END;
  }
  return popCount(signs) >= 2;
}

/** Whether `(` at `at` calls a name of code: `console.log(`, `lay_danh_sach(`, `layDanhSach(`, `main()`, `printf("`. */
function isCallee(line: string, at: number): boolean {
  let from = at;
  let dotted = false;
  let camel = false;
  while (from > 0 && isNameChar(line.charCodeAt(from - 1))) {
    from--;
    const c = line.charCodeAt(from);
    if (c === DOT || c === UNDERSCORE) dotted = true;
    else if (c >= 0x41 && c <= 0x5a && from > 0 && isLowerAscii(line.charCodeAt(from - 1))) camel = true;
  }
  if (from === at || line.charCodeAt(from) === DOT) return false;
  const next = line.charCodeAt(at + 1);
  return dotted || camel || next === CLOSE_PAREN || next === 0x22 || next === 0x27;
}

/** Whether `=` at `at` assigns to a name or an element: `port = 8080`, `x += 1`, `a[i] == b`. */
function isAssignment(line: string, at: number): boolean {
  let before = at - 1;
  // Operators that end in `=`: `+=`, `==`, `!=`, `:=`, `<=`.
  while (before >= 0 && isOperatorChar(line.charCodeAt(before))) before--;
  while (before >= 0 && line.charCodeAt(before) === SPACE) before--;
  if (before < 0) return false;
  const c = line.charCodeAt(before);
  return (isNameChar(c) && c !== DOT) || c === CLOSE_BRACKET;
}

/** `//` or `#` after a space or at the line's start (not `http://`, not `#3`). */
function commentStartsAt(line: string, i: number, c: number): boolean {
  const spaced = i === 0 || isSpace(line.charCodeAt(i - 1));
  if (!spaced) return false;
  if (c === SLASH) return line.charCodeAt(i + 1) === SLASH;
  return c === HASH && isSpace(line.charCodeAt(i + 1));
}

function hasTextBefore(line: string, end: number): boolean {
  return lastNonSpace(line, end) >= 0;
}

function lastNonSpace(line: string, end: number): number {
  let i = end - 1;
  while (i >= 0 && isSpace(line.charCodeAt(i))) i--;
  return i;
}

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB;
}

function isLowerAscii(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

function isNameChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || isLowerAscii(c) || c === UNDERSCORE || c === DOT || c === 0x24;
}

function isOperatorChar(c: number): boolean {
  return c === EQUALS || c === 0x2b || c === 0x2d || c === 0x2a || c === SLASH || c === 0x21 || c === 0x3a || c === 0x3c || c === 0x3e || c === 0x7c || c === 0x26;
}

function popCount(bits: number): number {
  let n = 0;
  for (let b = bits; b !== 0; b &= b - 1) n++;
  return n;
}
