// SPDX-License-Identifier: ISC
// A translation file for an instrument in a pseudo-language, derived from
// its Swedish (forms/README.md, "Translations"): every text the Swedish has
// -- title, intro, themes, grids, items with help, options, VAS labels and
// units -- wrapped by wrap(), so a page showing it can be told from one
// falling back to Swedish. Data only: what a translator would write.
export function pseudoTranslation(def, lang, wrap) {
	const tr = { format: 1, instrument: def.id, version: def.version, lang,
		machine_assisted: true, note: 'Pseudo-language for tests: the Swedish wrapped.',
		title: wrap(def.title.sv), themes: {}, items: {} };
	if (def.intro?.sv) tr.intro = wrap(def.intro.sv);
	for (const t of def.themes) tr.themes[t.id] = wrap(t.sv);
	const item = (it) => {
		const o = { text: wrap(it.sv) };
		if (it.help_sv) o.help = wrap(it.help_sv);
		if (it.options) o.options = Object.fromEntries(it.options.map((op) => [op.code, wrap(op.sv)]));
		if (it.min_label) o.min_label = wrap(it.min_label);
		if (it.max_label) o.max_label = wrap(it.max_label);
		if (it.unit) o.unit = wrap(it.unit);
		return o;
	};
	for (const it of def.items) {
		if (it.type === 'grid') {
			tr.grids ??= {};
			tr.grids[it.id] = { text: wrap(it.sv), ...(it.help_sv ? { help: wrap(it.help_sv) } : {}) };
			for (const st of it.statements) tr.items[st.id] = { text: wrap(st.sv) };
		} else tr.items[it.id] = item(it);
	}
	return tr;
}
