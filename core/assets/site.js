// The Bootstrap Italia components the site uses, bundled on their own: the full bundle also ships
// a video player that injects inline styles, which the site's Content-Security-Policy forbids.
// Each component is referenced so that its data-API handlers (module side effects) are kept.
import init from "bootstrap-italia/dist/plugins/init.js";
import NavBarCollapsible from "bootstrap-italia/dist/plugins/navbar-collapsible.js";
import Collapse from "bootstrap-italia/dist/plugins/collapse.js";
import Accordion from "bootstrap-italia/dist/plugins/accordion.js";
import Dropdown from "bootstrap-italia/dist/plugins/dropdown.js";
import BackToTop from "bootstrap-italia/dist/plugins/back-to-top.js";

window.bootstrap = { init, NavBarCollapsible, Collapse, Accordion, Dropdown, BackToTop };
