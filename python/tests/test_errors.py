"""Mistakes in packs, configs and tables raise typed exceptions with the CLI's message."""

from __future__ import annotations

import errno
import pickle
from pathlib import Path

import paraclean
import pytest
from conftest import run_cli

BAD_REGEX_PACK = """[pack]
id = "x"
description = "x"
[[rule]]
id = "X-1"
class = "promo"
description = "d"
pattern = 'a('
examples = [{ text = "a" }]
"""


def cases(tmp: Path):
    """(Cleaner arguments, the same mistake on the command line, exception class)."""
    bad_pack = tmp / "bad.toml"
    bad_pack.write_text(BAD_REGEX_PACK, encoding="utf-8")
    not_toml = tmp / "not-toml.toml"
    not_toml.write_text("[pack\nid = ", encoding="utf-8")
    bad_config = tmp / "config.toml"
    bad_config.write_text("head_block = 3\n", encoding="utf-8")
    bad_keep = tmp / "keep.toml"
    bad_keep.write_text('keep = ["nope"]\n', encoding="utf-8")
    bad_table = tmp / "bad.table"
    bad_table.write_text('{"hello": 1}\n', encoding="utf-8")
    missing = tmp / "missing.toml"
    return [
        ({"disable": ["NO-SUCH-RULE"]}, ["--disable", "NO-SUCH-RULE"], paraclean.RuleError),
        ({"enable": "web,NO-SUCH-PACK"}, ["--enable", "web,NO-SUCH-PACK"], paraclean.RuleError),
        ({"rules": [bad_pack]}, ["--rules", str(bad_pack)], paraclean.RuleError),
        ({"rules": str(not_toml)}, ["--rules", str(not_toml)], paraclean.RuleError),
        ({"config": bad_config}, ["--config", str(bad_config)], paraclean.ConfigError),
        ({"config": str(bad_keep)}, ["--config", str(bad_keep)], paraclean.ConfigError),
        ({"learned": bad_table}, ["--learned", str(bad_table)], paraclean.TableError),
        ({"config": missing}, ["--config", str(missing)], paraclean.FileError),
        ({"rules": [missing]}, ["--rules", str(missing)], paraclean.FileError),
        ({"learned": str(missing)}, ["--learned", str(missing)], paraclean.FileError),
    ]


def test_errors_carry_the_cli_message(cli, tmp_path):
    for kwargs, args, kind in cases(tmp_path):
        with pytest.raises(kind) as caught:
            paraclean.Cleaner(**kwargs)
        err = caught.value
        assert isinstance(err, paraclean.ParacleanError)
        done = run_cli(cli, "clean", "-q", *args)
        assert done.returncode != 0
        assert done.stderr == f"paraclean: {err}\n", (kwargs, done.stderr)


def test_error_classes(tmp_path):
    assert issubclass(paraclean.ConfigError, ValueError)
    assert issubclass(paraclean.RuleError, ValueError)
    assert issubclass(paraclean.TableError, ValueError)
    assert issubclass(paraclean.FileError, OSError)
    missing = tmp_path / "none.toml"
    with pytest.raises(OSError) as caught:
        paraclean.Cleaner(config=missing)
    err = caught.value
    assert isinstance(err, paraclean.FileError)
    assert err.errno == errno.ENOENT
    assert err.path == str(missing)
    assert str(err).startswith(f"{missing}: ")
    again = pickle.loads(pickle.dumps(err))
    assert (str(again), again.errno, again.path) == (str(err), err.errno, err.path)
    with pytest.raises(paraclean.RuleError, match="no rule or pack is named `NOPE`"):
        paraclean.Cleaner(disable="NOPE")


def test_python_side_mistakes():
    with pytest.raises(paraclean.ConfigError, match="config keep: unknown variant `nope`"):
        paraclean.Cleaner(keep=["nope"])
    with pytest.raises(paraclean.ConfigError, match="config dict: unknown field `head_block`"):
        paraclean.Cleaner(config={"head_block": 3})
    with pytest.raises(paraclean.ConfigError, match="invalid type"):
        paraclean.Cleaner(config={"head_blocks": "six"})
    with pytest.raises(TypeError):
        paraclean.Cleaner(config=3)
    with pytest.raises(TypeError):
        paraclean.Cleaner(disable=[1])
    with pytest.raises(TypeError):
        paraclean.Cleaner(learned=["a", "b"])
