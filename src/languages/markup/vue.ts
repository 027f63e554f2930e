/**
 * Vue, Svelte and Astro components: <script> / <script setup lang="ts"> blocks (and Astro's
 * frontmatter) go through the TypeScript adapter at shifted offsets; the template is markup (see
 * html.ts): attributes and text are reviewed by hand, template expressions are classified as
 * JavaScript lexically.
 */
import type { Adapter } from "../../core/types.js";
import { markupAdapter } from "./html.js";

export const adapter: Adapter = markupAdapter("vue");
export const svelteAdapter: Adapter = markupAdapter("svelte");
export const astroAdapter: Adapter = markupAdapter("astro");
