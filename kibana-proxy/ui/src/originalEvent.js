// The event as it arrived (event_original_message) and PowerShell's Base64 -EncodedCommand payloads in it.
// HELK lower-cases indexed command lines, which breaks Base64, so decoding needs the original text.

export function parseOriginal(text) {
  if (typeof text !== 'string' || !text) return null;
  try {
    return { json: JSON.parse(text), text };
  } catch {
    return { json: null, text };
  }
}

function strings(value, into = []) {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) value.forEach((element) => strings(element, into));
  else if (value && typeof value === 'object') Object.values(value).forEach((element) => strings(element, into));
  return into;
}

// PowerShell accepts any unambiguous prefix of -EncodedCommand (-e, -en, -enc, ...) and the alias -ec,
// with - or / before it.
const ENCODED = /(?:^|\s)[-/](?:ec|e(?:n(?:c(?:o(?:d(?:e(?:d(?:c(?:o(?:m(?:m(?:a(?:n(?:d)?)?)?)?)?)?)?)?)?)?)?)?)?)\s+["']?([A-Za-z0-9+/]{8,}={0,2})/gi;

export function decodeUtf16le(base64) {
  try {
    const binary = atob(base64);
    if (binary.length % 2 !== 0) return null;
    const bytes = Uint8Array.from(binary, (character) => character.charCodeAt(0));
    const text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
    const printable = [...text].filter((character) => character >= ' ' || '\t\r\n'.includes(character)).length;
    return printable / Math.max(1, text.length) > 0.9 ? text : null;
  } catch {
    return null;
  }
}

// Every encoded command in the original event's text values: {payload, decoded}.
export function encodedCommands(original) {
  if (!original) return [];
  const texts = original.json ? strings(original.json) : [original.text];
  const found = [];
  const seen = new Set();
  for (const text of texts) {
    for (const match of text.matchAll(ENCODED)) {
      const payload = match[1];
      if (seen.has(payload)) continue;
      seen.add(payload);
      found.push({ payload, decoded: decodeUtf16le(payload) });
    }
  }
  return found;
}
