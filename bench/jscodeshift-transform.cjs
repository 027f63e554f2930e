// The jscodeshift side of the dry-run comparison: the same rename as the tool's safe fix, done on
// every string literal (no positions, no flags: strictly less work than the tool does).
const RENAMES = { "deepseek-chat": "deepseek-v4-flash", "deepseek-reasoner": "deepseek-v4-flash" };

module.exports = function transform(file, api) {
  const j = api.jscodeshift;
  const root = j(file.source);
  let changed = false;
  const visit = (path) => {
    const to = RENAMES[path.node.value];
    if (typeof to === "string") {
      path.node.value = to;
      changed = true;
    }
  };
  root.find(j.StringLiteral).forEach(visit);
  root.find(j.Literal).forEach(visit);
  return changed ? root.toSource() : undefined;
};
