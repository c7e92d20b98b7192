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

    // A form that must not be sent twice (a request) disables its button once sent. Forms htmx sends
    // are left to hx-disabled-elt, which also gives the button back when the answer has come.
    document.addEventListener("submit", function (event) {
        var form = event.target;
        if (!form.hasAttribute("data-submit-once") || event.defaultPrevented || (window.htmx && form.matches(HTMX_FORM))) {
            return;
        }
        if (form.getAttribute("data-sent") === "true") {
            event.preventDefault();
            return;
        }
        form.setAttribute("data-sent", "true");
        form.querySelectorAll("button[type=submit]").forEach(function (button) {
            button.disabled = true;
        });
    });

    // Ticking a season of the request form means "these seasons".
    document.addEventListener("change", function (event) {
        var box = event.target;
        if (box.matches && box.matches("[data-season-box]") && box.checked) {
            var chosen = box.form && box.form.querySelector("#seasons-chosen");
            if (chosen) {
                chosen.checked = true;
            }
        }
    });

    // Live updates (the dashboard): the server sends "swap" events whose HTML elements replace the
    // ones with the same id. EventSource reconnects by itself; the server then sends the whole grid.
    // The html element's data-live says how the stream stands, for people debugging and for tests.
    var live = document.querySelector("[data-live]");
    if (live && window.EventSource) {
        var root = document.documentElement;
        var source = new EventSource(live.getAttribute("data-live"));
        source.addEventListener("open", function () {
            root.setAttribute("data-live", "open");
        });
        source.addEventListener("error", function () {
            root.setAttribute("data-live", source.readyState === EventSource.CLOSED ? "closed" : "reconnecting");
        });
        source.addEventListener("swap", function (event) {
            var template = document.createElement("template");
            template.innerHTML = event.data;
            Array.prototype.slice.call(template.content.children).forEach(function (fresh) {
                var current = fresh.id && document.getElementById(fresh.id);
                if (current) {
                    // Ticked boxes (the Requests page's bulk selection) stay ticked when their row is redrawn.
                    current.querySelectorAll("input[type=checkbox][id]:checked").forEach(function (box) {
                        var again = fresh.querySelector("#" + CSS.escape(box.id));
                        if (again) {
                            again.checked = true;
                        }
                    });
                    current.replaceWith(fresh);
                    if (window.htmx) {
                        window.htmx.process(fresh);
                    }
                }
            });
            root.setAttribute("data-live-swaps", String(Number(root.getAttribute("data-live-swaps") || 0) + 1));
        });
        window.addEventListener("pagehide", function () {
            source.close();
        });
    }

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
