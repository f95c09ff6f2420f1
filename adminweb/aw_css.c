/* SPDX-License-Identifier: ISC
 * The admin pages' own stylesheet, served at /admin/admin.css by this
 * program (nginx serves /static/ from the respondent program's folder
 * only). It adds to /static/uppfolj.css: a wider page, the menu bar,
 * tables and compact forms for desktop work.
 */
#include "config.h"

#include "aw.h"
#include "http.h"

static const char css[] =
    "/* uppfolj admin pages, on top of /static/uppfolj.css */\n"
    "body.admin { font-size: 1rem; }\n"
    "body.admin main { max-width: 76rem; }\n"
    "body.admin .top .bar { max-width: 76rem; margin: 0 auto; display: flex;\n"
    "  flex-wrap: wrap; align-items: center; gap: .4rem 1.5rem; }\n"
    "body.admin .brand { margin: 0; }\n"
    ".menu ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap;\n"
    "  gap: .25rem 1rem; }\n"
    ".menu a { color: #fff; display: inline-block; padding: .35rem 0; }\n"
    ".menu a[aria-current=page] { font-weight: 700; text-decoration: none;\n"
    "  border-bottom: 3px solid #fff; }\n"
    ".who { margin-left: auto; display: flex; gap: .5rem; align-items: center; }\n"
    ".who button.link { color: #fff; min-height: 36px; }\n"
    ".table-wrap { overflow-x: auto; margin: .5rem 0 1.5rem; }\n"
    "table.data { border-collapse: collapse; width: 100%; background: #fff; }\n"
    "table.data caption { text-align: left; font-weight: 600; padding: .4rem 0; }\n"
    "table.data th, table.data td { border: 1px solid #c8c8c8; padding: .35rem .6rem;\n"
    "  text-align: left; vertical-align: top; }\n"
    "table.data thead th { background: #e8eef0; }\n"
    "table.data .num { text-align: right; font-variant-numeric: tabular-nums; }\n"
    "table.data td.date { white-space: nowrap; }\n"
    "form.pager { display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; }\n"
    ".tag { font-size: .8em; border: 1px solid #6b4c00; color: #6b4c00; border-radius: .3em; padding: 0 .3em; }\n"
    "form.stack { display: grid; gap: .9rem; max-width: 40rem; background: #fff;\n"
    "  padding: 1rem 1.25rem; border: 1px solid #c8c8c8; border-radius: .5rem;\n"
    "  margin: .5rem 0 1.5rem; }\n"
    "form.stack label, form.stack legend { display: block; font-weight: 600; font-size: 1rem; }\n"
    "form.stack fieldset { margin: 0; }\n"
    "form.stack .hint { margin: .2rem 0 0; font-weight: 400; }\n"
    "body.admin select, body.admin input[type=password], body.admin input[type=text],\n"
    "body.admin input[type=number], body.admin input[type=date] {\n"
    "  font: inherit; min-height: 40px; padding: .35rem .6rem; border: 2px solid #6b6b6b;\n"
    "  border-radius: .4rem; background: #fff; max-width: 100%; }\n"
    "body.admin input[type=text], body.admin input[type=password] { width: 100%; }\n"
    "body.admin input[type=number] { width: 8rem; }\n"
    "body.admin input[type=date] { width: auto; }\n"
    "body.admin button, body.admin .button { min-height: 40px; padding: .4rem 1.1rem; }\n"
    "form.inline { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-end; margin: 0; }\n"
    "form.inline label { font-weight: 400; font-size: .95rem; }\n"
    ".check { display: flex; gap: .5rem; align-items: center; font-weight: 400 !important; }\n"
    ".check input { width: 1.25rem; height: 1.25rem; }\n"
    ".cards { list-style: none; padding: 0; display: grid; gap: 1rem;\n"
    "  grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); }\n"
    ".cards li { background: #fff; border: 1px solid #c8c8c8; border-radius: .5rem;\n"
    "  padding: .75rem 1rem; }\n"
    ".cards a { font-weight: 600; }\n"
    ".danger { background: #8a0015; border-color: #8a0015; color: #fff; }\n"
    ".downloads { display: flex; flex-wrap: wrap; gap: .75rem; }\n"
    ".downloads form { margin: 0; }\n"
    "/* qualitative coding (h_qual*.c) */\n"
    "form.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-end;\n"
    "  margin: .5rem 0 1rem; }\n"
    "form.filters label { display: block; font-weight: 600; }\n"
    "body.admin textarea { font: inherit; width: 100%; padding: .4rem .6rem;\n"
    "  border: 2px solid #6b6b6b; border-radius: .4rem; }\n"
    ".qtext { white-space: pre-wrap; background: #fff; border: 1px solid #c8c8c8;\n"
    "  border-radius: .5rem; padding: 1rem 1.25rem; line-height: 1.7; max-width: 48rem; }\n"
    ".qtext .seg.coded { background: #fff1b8; box-shadow: inset 0 -2px 0 #8a6d00; }\n"
    ".q-sentences { display: grid; gap: .9rem; grid-template-columns: 1fr 1fr; }\n"
    ".q-sentences select { width: 100%; }\n"
    "dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }\n"
    "dl.facts dt { font-weight: 600; }\n"
    "dl.facts dd { margin: 0; }\n"
    ".qtree ul { list-style: disc; margin: .2rem 0 .2rem 1.25rem; padding: 0; }\n"
    ".qside { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }\n"
    ".qside section { background: #fff; border: 1px solid #c8c8c8; border-radius: .5rem;\n"
    "  padding: .5rem 1rem; }\n";

uf_err
h_css(struct web_ctx *c)
{
	c->reply->ctype = "text/css; charset=utf-8";
	return buf_add(&c->reply->body, css, sizeof(css) - 1);
}
