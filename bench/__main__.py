"""``make bench``: every benchmark, each printing its figures and saving them to results.json."""

from bench import abuse, http, ingestion, reports, rules, search

if __name__ == "__main__":
    ingestion.main()
    rules.main()
    search.main()
    reports.main()
    http.main()
    abuse.main()
