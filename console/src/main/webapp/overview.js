// The overview's charts, drawn by the server (ChartsServlet), fetched anew every ten seconds and
// swapped in; when the session has ended or the server is away, they stay as they were.
"use strict";
const charts = document.getElementById("charts");
if (charts) {
    setInterval(() => {
        fetch("charts", { redirect: "error", cache: "no-store", credentials: "same-origin" })
            .then((response) => (response.ok ? response.text() : Promise.reject(new Error(response.status))))
            .then((html) => {
                charts.innerHTML = html;
            })
            .catch(() => {});
    }, 10000);
}
