// Field names in a Lucene query, and what to suggest for a name no index has. HELK's names differ from
// what people guess (process_parent_name, not parent_process_name), so a miss names the closest fields.

// The field names a query uses: `name:` outside quoted phrases, plus the argument of _exists_.
export function queryFieldNames(query) {
  const unquoted = String(query || '').replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const names = new Set();
  for (const match of unquoted.matchAll(/(?:^|[\s(!+-])([@A-Za-z_][\w.@-]*)\s*:/g)) {
    names.add(match[1]);
  }
  for (const match of unquoted.matchAll(/_exists_\s*:\s*([@A-Za-z_][\w.@-]*)/g)) {
    names.add(match[1]);
  }
  names.delete('_exists_');
  return [...names];
}

function known(name, catalog) {
  if (catalog[name]) return true;
  const base = name.replace(/\.(keyword|text)$/, '');
  return Boolean(catalog[base]) || name.startsWith('_');
}

function words(name) {
  return name.toLowerCase().split(/[._@-]+/).filter(Boolean);
}

function distance(left, right) {
  const previous = Array.from({ length: right.length + 1 }, (unused, position) => position);
  for (let row = 1; row <= left.length; row += 1) {
    let diagonal = previous[0];
    previous[0] = row;
    for (let column = 1; column <= right.length; column += 1) {
      const above = previous[column];
      previous[column] = Math.min(previous[column] + 1, previous[column - 1] + 1, diagonal + (left[row - 1] === right[column - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[right.length];
}

// The closest catalogue names: the same words in another order first, then small edit distances.
export function similarFields(name, catalog, limit = 3) {
  const wanted = words(name);
  return Object.keys(catalog)
    .map((candidate) => {
      const have = words(candidate);
      const shared = wanted.filter((word) => have.includes(word)).length;
      const score = shared / Math.max(wanted.length, have.length) - distance(name, candidate) / (4 * Math.max(name.length, candidate.length));
      return { candidate, score };
    })
    .filter((entry) => entry.score > 0.3)
    .sort((left, right) => right.score - left.score)
    .slice(0, limit)
    .map((entry) => entry.candidate);
}

export function unknownFields(query, catalog) {
  if (!Object.keys(catalog).length) return [];
  return queryFieldNames(query).filter((name) => !known(name, catalog))
    .map((name) => ({ name, similar: similarFields(name, catalog) }));
}

// Field names to offer for the word being typed at `cursor` (none once the word is followed by a colon).
export function suggestionsAt(text, cursor, catalog, limit = 8) {
  const before = text.slice(0, cursor);
  const match = before.match(/(?:^|[\s(!+-])([@A-Za-z_][\w.@-]*)$/);
  if (!match || match[1].length < 2 || text[cursor] === ':') return { word: null, names: [] };
  const word = match[1];
  const lower = word.toLowerCase();
  const names = Object.keys(catalog).filter((name) => name !== word && name.toLowerCase().includes(lower))
    .sort((left, right) => Number(!left.toLowerCase().startsWith(lower)) - Number(!right.toLowerCase().startsWith(lower))
      || left.length - right.length)
    .slice(0, limit);
  return { word, names, start: cursor - word.length };
}
