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

    // A box whose unticking destroys something (Settings › Assistant: history off deletes every conversation) asks first.
    document.addEventListener("change", function (event) {
        var box = event.target;
        var question = box.matches && box.matches("input[type=checkbox][data-confirm-off]") && !box.checked && box.getAttribute("data-confirm-off");
        if (question && !window.confirm(question)) {
            box.checked = true;
        }
    });

    // The assistant's chat. Without this the message form and the choice buttons are plain POSTs that
    // answer with the whole page; here the same POST asks for server-sent events (read with fetch: an
    // EventSource cannot POST), the reply's text streams into a new turn, and the finished turn arrives
    // as the HTML a reload would show.
    var chatForm = document.getElementById("chat-form");
    var chatLog = document.getElementById("chat-log");
    if (chatForm && chatLog && window.fetch && window.TextDecoder && window.ReadableStream) {
        var input = document.getElementById("chat-text");
        var sendButton = document.getElementById("chat-send");
        var chatError = document.getElementById("chat-error");
        var busy = false;

        var element = function (tag, className, text) {
            var made = document.createElement(tag);
            if (className) {
                made.className = className;
            }
            if (text) {
                made.textContent = text;
            }
            return made;
        };
        var fromHtml = function (html) {
            var template = document.createElement("template");
            template.innerHTML = html;
            return template.content;
        };
        var turn = function (role, who) {
            var item = element("li", "chat-turn chat-" + role);
            item.setAttribute("data-role", role === "user" ? "user" : "assistant");
            item.appendChild(element("p", "chat-who visually-hidden", who));
            var bubble = element("div", "chat-bubble");
            item.appendChild(bubble);
            chatLog.appendChild(item);
            return bubble;
        };
        var scrollDown = function () {
            chatForm.scrollIntoView({block: "end"});
        };
        var failed = function (message) {
            chatError.textContent = message;
            chatError.hidden = false;
        };

        // One event at a time from the text read so far: "event: name" and "data: json", ended by a blank line.
        var parse = function (block) {
            var name = "message";
            var data = "";
            block.split("\n").forEach(function (line) {
                if (line.indexOf("event:") === 0) {
                    name = line.slice(6).trim();
                } else if (line.indexOf("data:") === 0) {
                    data += line.slice(5).trim();
                }
            });
            return {name: name, data: data ? JSON.parse(data) : {}};
        };

        var send = function (text) {
            if (busy || !text.trim()) {
                return;
            }
            busy = true;
            input.disabled = true;
            sendButton.disabled = true;
            chatError.hidden = true;
            chatLog.setAttribute("aria-busy", "true");
            var empty = document.getElementById("chat-empty");
            if (empty) {
                empty.remove();
            }
            // An answered question's buttons would now answer the wrong thing.
            chatLog.querySelectorAll(".chat-choices").forEach(function (old) {
                old.remove();
            });
            var mine = turn("user", chatForm.getAttribute("data-you")).parentNode;
            mine.querySelector(".chat-bubble").appendChild(element("p", "chat-text", text.trim()));
            var bubble = turn("assistant", chatForm.getAttribute("data-assistant"));
            var pending = bubble.parentNode;
            pending.setAttribute("aria-busy", "true");
            var status = element("p", "chat-status", chatForm.getAttribute("data-thinking"));
            var said = element("p", "chat-text");
            var cards = element("ul", "chat-cards");
            bubble.appendChild(status);
            bubble.appendChild(said);
            bubble.appendChild(cards);
            scrollDown();
            var body = new URLSearchParams();
            body.set("_csrf", chatForm.querySelector("input[name=_csrf]").value);
            body.set("text", text);
            var answered = false;
            var replied = false;
            var handle = function (event) {
                if (event.name === "text") {
                    said.textContent += event.data.text;
                } else if (event.name === "status") {
                    status.textContent = event.data.text;
                } else if (event.name === "card") {
                    cards.appendChild(fromHtml(event.data.html));
                } else if (event.name === "reply") {
                    answered = true;
                    replied = true;
                    pending.replaceWith(fromHtml(event.data.html));
                    input.value = "";
                } else if (event.name === "failed") {
                    answered = true;
                    pending.remove();
                    failed(event.data.message);
                }
            };
            fetch(chatForm.action, {
                method: "POST",
                credentials: "same-origin",
                headers: {"Accept": "text/event-stream", "Content-Type": "application/x-www-form-urlencoded"},
                body: body
            }).then(function (response) {
                var type = response.headers.get("Content-Type") || "";
                if (!response.ok || type.indexOf("text/event-stream") !== 0 || !response.body) {
                    throw new Error("no event stream: " + response.status);
                }
                var reader = response.body.getReader();
                var decoder = new TextDecoder();
                var buffered = "";
                var read = function () {
                    return reader.read().then(function (chunk) {
                        if (chunk.done) {
                            return;
                        }
                        buffered += decoder.decode(chunk.value, {stream: true});
                        var end;
                        while ((end = buffered.indexOf("\n\n")) >= 0) {
                            handle(parse(buffered.slice(0, end)));
                            buffered = buffered.slice(end + 2);
                        }
                        return read();
                    });
                };
                return read();
            }).catch(function () {
                // told below, unless the reply had already come
            }).then(function () {
                if (!answered) {
                    pending.remove();
                    failed(chatForm.getAttribute("data-failed"));
                }
                if (!replied) {
                    // Not answered: a typed message is still in the box to send again, so its turn goes.
                    mine.remove();
                }
                busy = false;
                input.disabled = false;
                sendButton.disabled = false;
                chatLog.removeAttribute("aria-busy");
                scrollDown();
                input.focus();
            });
        };

        document.addEventListener("submit", function (event) {
            var form = event.target;
            if (!form.matches("form[data-chat]") || event.defaultPrevented) {
                return;
            }
            event.preventDefault();
            var button = event.submitter;
            send(button && button.name === "text" ? button.value : input.value);
        });
        input.addEventListener("keydown", function (event) {
            if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
                event.preventDefault();
                chatForm.requestSubmit();
            }
        });
        scrollDown();
    }
})();
