// hplan serve: offer to reload when the plan file changes on disk (an editor, git pull,
// a command in a terminal). The pages work without this script.
"use strict";
(function () {
  const shown = document.body.dataset.version;
  const banner = document.getElementById("changed");
  if (!shown || !banner) return;
  async function check() {
    try {
      const answer = await fetch("/version", { credentials: "same-origin", cache: "no-store" });
      if (answer.ok && (await answer.text()).trim() !== shown) {
        banner.hidden = false;
        return;
      }
    } catch (error) {
      // the server stopped: nothing to offer
    }
    setTimeout(check, 3000);
  }
  setTimeout(check, 3000);
})();
