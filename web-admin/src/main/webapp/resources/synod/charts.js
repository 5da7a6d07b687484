/* Synod console charts: polls the node's one-second samples and redraws in place (no page reload). */
(function () {
    "use strict";
    var url = (window.location.pathname.replace(/\/[^/]*$/, "/")) + "console/charts.json";
    var colors = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2"];
    var charts = {};

    function line(id, datasets) {
        return new Chart(document.getElementById(id), {
            type: "line",
            data: {labels: [], datasets: datasets},
            options: {
                animation: false, responsive: true, maintainAspectRatio: false, spanGaps: false,
                elements: {point: {radius: 0}},
                scales: {y: {beginAtZero: true}, x: {ticks: {maxTicksLimit: 8}}},
                plugins: {legend: {display: datasets.length > 1}}
            }
        });
    }

    function series(label, i) {
        return {label: label, data: [], borderColor: colors[i % colors.length], borderWidth: 1.5};
    }

    function time(ms) {
        return new Date(ms).toISOString().substring(11, 19);
    }

    function update(data) {
        var labels = data.time.map(time);
        [charts.commits, charts.proposals, charts.fsync, charts.lag].forEach(function (c) { c.data.labels = labels; });
        charts.commits.data.datasets[0].data = data.commitsPerSecond;
        charts.proposals.data.datasets[0].data = data.proposalP50;
        charts.proposals.data.datasets[1].data = data.proposalP99;
        charts.fsync.data.datasets[0].data = data.fsyncP50;
        charts.fsync.data.datasets[1].data = data.fsyncP99;
        charts.lag.data.datasets = Object.keys(data.lag).map(function (member, i) {
            var s = series(member, i);
            s.data = data.lag[member];
            return s;
        });
        charts.commits.update("none");
        charts.proposals.update("none");
        charts.fsync.update("none");
        charts.lag.update("none");
        document.getElementById("charts-status").textContent = data.time.length
            ? data.time.length + " samples, newest " + time(data.time[data.time.length - 1]) + " UTC"
            : "No sample yet: the Raft runtime is not running on this node.";
    }

    function poll() {
        fetch(url, {credentials: "same-origin", cache: "no-store"}).then(function (response) {
            var type = response.headers.get("Content-Type") || "";
            if (type.indexOf("application/json") !== 0) {
                window.location.reload(); // the session ended: the reload lands on the login page
                return null;
            }
            return response.json();
        }).then(function (data) {
            if (data) {
                update(data);
            }
        }).catch(function () {
            document.getElementById("charts-status").textContent = "This node does not answer; retrying.";
        }).finally(function () {
            window.setTimeout(poll, 1000);
        });
    }

    charts.commits = line("chart-commits", [series("commits/s", 0)]);
    charts.proposals = line("chart-proposals", [series("p50", 0), series("p99", 1)]);
    charts.fsync = line("chart-fsync", [series("p50", 0), series("p99", 1)]);
    charts.lag = line("chart-lag", []);
    poll();
})();
