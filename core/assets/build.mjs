// Copies the parts of Bootstrap Italia the site uses into core/static/vendor, and writes a
// fonts.css with the @font-face rules (Bootstrap Italia's own font loader injects a <style>
// element, which the site's Content-Security-Policy forbids).
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const source = join(root, "node_modules", "bootstrap-italia", "dist");
const target = join(root, "core", "static", "vendor", "bootstrap-italia");

rmSync(target, { recursive: true, force: true });
for (const dir of ["css", "js", "svg"]) {
  mkdirSync(join(target, dir), { recursive: true });
}
// The source map is not shipped: drop its reference, which the hashed static storage would try to resolve.
writeFileSync(
  join(target, "css", "bootstrap-italia.min.css"),
  readFileSync(join(source, "css", "bootstrap-italia.min.css"), "utf8").replace(/\/\*# sourceMappingURL=[^*]*\*\//g, ""),
);
cpSync(join(source, "svg", "sprites.svg"), join(target, "svg", "sprites.svg"));

const faces = [];
const styleOf = (file) => (file.includes("italic") ? "italic" : "normal");
const weightOf = (file) => {
  const match = file.match(/-(\d{3})(italic)?\.woff2$/);
  return match ? match[1] : "400";
};
for (const [family, folder] of [["Titillium Web", "Titillium_Web"], ["Lora", "Lora"], ["Roboto Mono", "Roboto_Mono"]]) {
  mkdirSync(join(target, "fonts", folder), { recursive: true });
  for (const file of readdirSync(join(source, "fonts", folder))) {
    if (!file.endsWith(".woff2") && !file.endsWith(".woff") && !file.endsWith(".txt")) continue;
    cpSync(join(source, "fonts", folder, file), join(target, "fonts", folder, file));
    if (!file.endsWith(".woff2")) continue;
    const woff = file.replace(/\.woff2$/, ".woff");
    faces.push(
      `@font-face{font-family:"${family}";font-style:${styleOf(file)};font-weight:${weightOf(file)};` +
        `font-display:swap;src:url("../fonts/${folder}/${file}") format("woff2"),` +
        `url("../fonts/${folder}/${woff}") format("woff");}`,
    );
  }
}
writeFileSync(join(target, "css", "fonts.css"), faces.join("\n") + "\n");
execFileSync(
  join(root, "node_modules", ".bin", "esbuild"),
  [join(root, "core", "assets", "site.js"), "--bundle", "--minify", "--format=iife", "--target=es2019",
   "--legal-comments=eof", `--outfile=${join(target, "js", "site.min.js")}`],
  { stdio: "inherit" },
);
console.log(`Bootstrap Italia assets copied to ${target} (${faces.length} font faces).`);
