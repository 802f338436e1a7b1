"""The API surface: arguments, results, sources, settings, pickling."""

from __future__ import annotations

import pickle

import paraclean
import pytest
from conftest import CORPUS, read

SEED_RAW = read(CORPUS / "ko" / "seed" / "raw.txt")
SEED_GOLD = read(CORPUS / "ko" / "seed" / "gold.txt")
COPYRIGHT = "Copyright © 중앙일보. 무단전재 및 재배포 금지."


def test_results():
    cleaned = paraclean.Cleaner().clean(SEED_RAW)
    assert isinstance(cleaned, paraclean.Cleaned)
    assert cleaned.text == SEED_GOLD
    r = cleaned.removals[0]
    assert isinstance(r, paraclean.Removal)
    assert r.class_ in paraclean.CLASSES
    assert isinstance(r.reason, dict) and r.reason["by"] in {
        "rule",
        "duplicate",
        "after-tail",
        "list-item",
        "learned",
    }
    d = cleaned.to_dict()
    assert d["text"] == SEED_GOLD
    assert d["removals"][0] == r.to_dict()
    assert set(r.to_dict()) == {"line", "start", "end", "byte_start", "byte_end", "text", "class", "reason"}
    assert d["metadata"] == cleaned.metadata.to_dict()
    assert cleaned.metadata.authors and cleaned.metadata
    assert cleaned.metadata == paraclean.Cleaner().clean(SEED_RAW).metadata
    assert not paraclean.Cleaner().clean("Nothing to remove here.\n").metadata
    assert "Removal(line=" in repr(r) and "Cleaned(" in repr(cleaned) and "Metadata(" in repr(cleaned.metadata)
    copyright = next(r for r in cleaned.removals if r.class_ == "copyright")
    assert copyright.text == COPYRIGHT
    assert copyright.reason["rule"] and copyright.reason["pack"]
    assert copyright.explain().startswith(copyright.reason["rule"] + ": ")


def test_convenience_clean_shares_one_cleaner():
    assert paraclean.clean(SEED_RAW) == SEED_GOLD
    assert paraclean.default_cleaner() is paraclean.default_cleaner()
    assert paraclean.clean("") == ""


def test_keep_enable_disable():
    kept = paraclean.Cleaner(keep=["copyright"]).clean(SEED_RAW)
    assert COPYRIGHT in kept.text
    assert all(r.class_ != "copyright" for r in kept.removals)
    assert paraclean.Cleaner(keep="copyright,signature").config["keep"] == ["copyright", "signature"]
    rule = next(r for r in paraclean.Cleaner().clean(SEED_RAW).removals if r.class_ == "copyright")
    rule_id = rule.reason["rule"]
    for disable in (rule_id, [rule_id], (rule_id,), f"{rule_id}, web"):
        removals = paraclean.Cleaner(disable=disable).clean(SEED_RAW).removals
        assert all(r.reason.get("rule") != rule_id for r in removals)
    assert paraclean.Cleaner(disable="web").config["rules"]["disable"] == ["web"]
    assert paraclean.Cleaner(enable=[]).clean(SEED_RAW).text == SEED_GOLD


def test_config_as_dict_and_as_file(tmp_path):
    no_dedup = {"duplicates": {"enabled": False}}
    text = paraclean.Cleaner(config=no_dedup).clean(SEED_RAW)
    assert all(r.class_ != "duplicate" for r in text.removals)
    toml = tmp_path / "paraclean.toml"
    toml.write_text("keep = [\"copyright\"]\n[duplicates]\nenabled = false\n", encoding="utf-8")
    for config in (toml, str(toml)):
        cleaner = paraclean.Cleaner(config=config)
        assert cleaner.config["keep"] == ["copyright"]
        assert cleaner.config["duplicates"]["enabled"] is False
        assert COPYRIGHT in cleaner.clean(SEED_RAW).text
    # Arguments add to the config, as on the command line.
    assert paraclean.Cleaner(config=toml, keep=["signature"]).config["keep"] == ["copyright", "signature"]
    assert paraclean.Cleaner().config["head_blocks"] == 6


def test_sources_and_their_checks():
    cleaner = paraclean.Cleaner()
    texts = [SEED_RAW, "Plain text.\n"]
    # Without a learned table a source changes nothing.
    assert [c.text for c in cleaner.clean_many(texts, sources="joongang")] == [SEED_GOLD, "Plain text.\n"]
    assert [c.text for c in cleaner.clean_many(texts, sources=["a", None])] == [SEED_GOLD, "Plain text.\n"]
    assert cleaner.clean(SEED_RAW, source="joongang").text == SEED_GOLD
    with pytest.raises(ValueError, match="2 texts but 1 sources"):
        cleaner.clean_many(texts, sources=["a"])
    with pytest.raises(TypeError, match="not a str"):
        cleaner.clean_many(SEED_RAW)
    with pytest.raises(TypeError):
        cleaner.clean_many([SEED_RAW, 3])
    with pytest.raises(TypeError):
        cleaner.clean(b"bytes")
    assert cleaner.learned_sources is None


def test_pickle_and_repr(tmp_path):
    cleaner = paraclean.Cleaner(keep=["copyright"], disable="web")
    again = pickle.loads(pickle.dumps(cleaner))
    assert isinstance(again, paraclean.Cleaner)
    assert again.config == cleaner.config
    assert again.clean(SEED_RAW).text == cleaner.clean(SEED_RAW).text
    assert repr(cleaner) == "Cleaner(disable='web', keep=['copyright'])"
    assert repr(paraclean.Cleaner()) == "Cleaner()"


def test_results_pickle():
    cleaned = paraclean.Cleaner().clean(SEED_RAW)
    again = pickle.loads(pickle.dumps(cleaned))
    assert isinstance(again, paraclean.Cleaned)
    assert again.to_dict() == cleaned.to_dict()
    r = cleaned.removals[3]
    assert pickle.loads(pickle.dumps(r)).to_dict() == r.to_dict()
    assert pickle.loads(pickle.dumps(cleaned.metadata)) == cleaned.metadata
    assert pickle.loads(pickle.dumps([cleaned, cleaned]))[1].text == SEED_GOLD


def test_module_facts():
    assert paraclean.__version__
    assert {"caption", "layout", "portal-ui", "duplicate"} <= set(paraclean.CLASSES)
    assert paraclean.host_of("https://www.Example.com:8080/a?b") == "example.com"
    assert paraclean.host_of("") is None


def test_empty_and_odd_documents():
    cleaner = paraclean.Cleaner()
    for doc in ["", "\n", "\r\n\r\n", "한 줄", "😀" * 1000, "a\x00b\n"]:
        cleaned = cleaner.clean(doc)
        for r in cleaned.removals:
            assert doc[r.start : r.end] == r.text
    with pytest.raises(UnicodeEncodeError):
        cleaner.clean("lone surrogate \ud800")
