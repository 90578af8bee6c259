from __future__ import annotations

import pytest

from cxvocab.config import Settings, chosen_in_file, load_settings, remember, save_settings
from tests.conftest import write


def test_missing_file_gives_defaults(tmp_path):
    assert load_settings(tmp_path / "none.toml") == (Settings(), [])


def test_round_trip(tmp_path):
    settings = Settings(new_per_day=5, desired_retention=0.85, accent="uk", rtl="native")
    save_settings(settings, tmp_path / "c" / "config.toml")
    assert load_settings(tmp_path / "c" / "config.toml") == (settings, [])


def test_each_bad_value_falls_back_alone(tmp_path):
    path = write(
        tmp_path / "config.toml",
        'new_per_day = 5\naccent = "scottish"\ndesired_retention = 2\nrtl = 3\ncolour = "red"\n',
    )
    settings, warnings = load_settings(path)
    assert settings == Settings(new_per_day=5)
    assert len(warnings) == 4 and all(w.startswith(str(path)) for w in warnings)
    assert any("accent: 'scottish' is not one of us, uk" in w for w in warnings)


def test_unreadable_toml_is_a_warning_not_a_crash(tmp_path):
    settings, warnings = load_settings(write(tmp_path / "config.toml", "new_per_day = \n"))
    assert settings == Settings() and "cannot read settings" in warnings[0]


def test_overrides_from_the_command_line():
    assert Settings().with_overrides(accent="uk", rtl=None).accent == "uk"
    with pytest.raises(ValueError):
        Settings().with_overrides(accent="fr")


def test_remember_changes_one_setting_and_keeps_the_file(tmp_path):
    path = write(tmp_path / "config.toml", 'accent = "uk"\nnew_per_day = 7\n')
    remember(path, rtl="native")
    assert load_settings(path)[0] == Settings(accent="uk", new_per_day=7, rtl="native")
    remember(tmp_path / "new" / "config.toml", rtl="visual")  # a first save makes the folder
    assert load_settings(tmp_path / "new" / "config.toml")[0].rtl == "visual"


def test_chosen_in_file(tmp_path):
    assert not chosen_in_file(tmp_path / "none.toml", "rtl")
    assert not chosen_in_file(write(tmp_path / "a.toml", 'accent = "uk"\n'), "rtl")
    assert chosen_in_file(write(tmp_path / "b.toml", 'rtl = "auto"\n'), "rtl")
    assert not chosen_in_file(write(tmp_path / "c.toml", "rtl = \n"), "rtl")  # unreadable: not a choice


def test_calibration_is_asked_until_a_mode_is_chosen(tmp_path, _isolated_home):
    from cxvocab.bootstrap import Context, Options

    assert Context(Options()).rtl_unchosen()
    assert not Context(Options(rtl="visual")).rtl_unchosen()  # given on the command line
    remember(Context(Options()).where.config_file, rtl="native")
    assert not Context(Options()).rtl_unchosen()
