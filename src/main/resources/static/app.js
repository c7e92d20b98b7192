// Progressive enhancement only: every page works without this file.
(function () {
    "use strict";
    document.documentElement.classList.add("js");

    // Preference menus apply as soon as a choice is made.
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
        select.addEventListener("change", function () {
            select.form.requestSubmit();
        });
    });

    // Forms that destroy something ask first (the CSP forbids inline onsubmit handlers). Forms that
    // htmx submits are asked in htmx:confirm below instead, or the person would be asked twice.
    var HTMX_FORM = "[hx-post],[hx-put],[hx-patch],[hx-delete],[hx-get]";
    document.addEventListener("submit", function (event) {
        var form = event.target;
        var question = form.getAttribute("data-confirm");
        var htmxAsks = window.htmx && form.matches(HTMX_FORM);
        if (question && !htmxAsks && !window.confirm(question)) {
            event.preventDefault();
            event.stopImmediatePropagation();
        }
    }, true);
    document.addEventListener("htmx:confirm", function (event) {
        var form = event.target.closest("form");
        var question = form && form.getAttribute("data-confirm");
        if (question) {
            event.preventDefault();
            if (window.confirm(question)) {
                event.detail.issueRequest(true);
            }
        }
    });

    // Copy a freshly issued token. The clipboard API exists only on HTTPS or localhost; a homelab
    // reached over plain HTTP gets the token selected instead, ready for Ctrl+C.
    document.querySelectorAll("[data-copy]").forEach(function (button) {
        button.addEventListener("click", function () {
            var source = document.getElementById(button.getAttribute("data-copy"));
            if (!source) {
                return;
            }
            var copied = function () {
                button.setAttribute("aria-live", "polite");
                button.textContent = button.getAttribute("data-copied") || "✓";
            };
            var select = function () {
                window.getSelection().selectAllChildren(source);
                if (document.execCommand && document.execCommand("copy")) {
                    copied();
                }
            };
            if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(source.textContent.trim()).then(copied, select);
            } else {
                select();
            }
        });
    });
})();
