/* The bulk-action bar of the comment list speaks of comments: Wagtail reads its
   words from wagtailConfig.STRINGS.BULK_ACTIONS[item type]. */
(function () {
  "use strict";
  var data = document.getElementById("comment-bulk-strings");
  if (!data || !window.wagtailConfig || !window.wagtailConfig.STRINGS) { return; }
  window.wagtailConfig.STRINGS.BULK_ACTIONS.COMMENT = JSON.parse(data.textContent);
})();
