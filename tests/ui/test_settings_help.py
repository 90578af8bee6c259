"""Pilot tests of stats, settings (what is shown is what is saved), themes and help."""

from __future__ import annotations

from cxvocab.config import THEMES, Settings, load_settings
from cxvocab.ui.screens.help import HelpScreen
from cxvocab.ui.screens.home import HomeScreen
from cxvocab.ui.screens.settings import SettingsScreen
from cxvocab.ui.screens.stats import StatsScreen
from cxvocab.ui.screens.study import StudyScreen
from cxvocab.ui.themes import MIN_CONTRAST, contrasts, themes


def problems_text(app) -> str:
    return str(app.screen.query_one("#settings-problems").render())


async def test_stats_screen_and_jalali(make_app):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, StatsScreen)
        assert app.screen.numbers.terms_total == 3

        def shown() -> str:
            import io

            from rich.console import Console

            out = io.StringIO()
            Console(file=out, width=100, color_system=None).print(app.screen.query_one("#stats-report").content)
            return out.getvalue()

        assert "Stats for 2026-11-22" in shown() and "3 terms" in shown()
        await pilot.press("j")  # Jalali dates and Persian digits: 1 Azar 1405
        assert "Stats for ۱۴۰۵/۰۹/۰۱" in shown() and "۳ terms" in shown() and "2026-11-22" not in shown()
        await pilot.press("j")
        assert "Stats for 2026-11-22" in shown()


async def test_a_changed_setting_takes_effect_and_only_it_is_saved(make_app, tmp_path):
    config = tmp_path / "config.toml"
    app = make_app(settings=Settings(accent="uk"), config_file=config)  # uk: as if from --accent
    async with app.run_test(size=(100, 40)) as pilot:
        assert "3 new" in str(app.screen.query_one("#today").render())
        await pilot.press("o")
        assert isinstance(app.screen, SettingsScreen)
        assert app.screen.focused is app.screen.query_one("#new-per-day")  # ready to type
        app.screen.query_one("#new-per-day").value = "1"  # type: ignore[attr-defined]
        app.screen.query_one("#desired-retention").value = "0.85"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "1 new" in str(app.screen.query_one("#today").render())  # applied without a restart
        assert app.scheduling.scheduler.desired_retention == 0.85
        # The accent given for this run stays out of the file: only what was changed is saved.
        assert config.read_text(encoding="utf-8").splitlines()[1:] == [
            "new_per_day = 1",
            "review_cap = 0",
            "desired_retention = 0.85",
            'accent = "us"',
            'rtl = "auto"',
            'audio_engine = "auto"',
            'theme = "cxvocab-dark"',
            'language = "en"',
            "leech_threshold = 8",
        ]
        await pilot.press("enter", "space")
        assert app.screen.session.new_per_day == 1  # type: ignore[attr-defined]


async def test_the_calibration_choice_is_what_settings_shows_and_keeps(make_app, tmp_path):
    """Pressing 2 on the first run saves native; Settings shows native; saving it unchanged
    changes nothing, so the next start still draws native."""
    config = tmp_path / "config.toml"
    app = make_app(config_file=config, calibrate=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2", "e")
        assert app.rtl_mode == "native" and load_settings(config)[0].rtl == "native"
        before = config.read_bytes()
        await pilot.press("o")
        assert app.screen.query_one("#rtl").value == "native"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [n.message for n in app._notifications][-1] == "Nothing changed."
        assert config.read_bytes() == before
        assert app.rtl_mode == "native"


async def test_t_is_what_settings_shows_too(make_app, tmp_path):
    config = tmp_path / "config.toml"
    app = make_app(config_file=config)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("t")
        assert app.rtl_mode == "native" and app.settings.rtl == "native"
        await pilot.press("o")
        assert app.screen.query_one("#rtl").value == "native"  # type: ignore[attr-defined]


async def test_a_bad_setting_is_refused_with_a_reason_above_the_fields(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("o")
        app.screen.query_one("#desired-retention").value = "2"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SettingsScreen)
        assert problems_text(app) == "Desired retention: 2 is not between 0.7 and 0.99."
        box = app.screen.query_one("#settings-problems")
        assert box.display and box.region.y < 10  # on screen, above the fields
        assert app.screen.focused is app.screen.query_one("#desired-retention")
        assert app.settings.desired_retention == 0.9


async def test_an_emptied_number_is_refused_not_saved_as_zero(make_app, tmp_path):
    config = tmp_path / "config.toml"
    app = make_app(config_file=config)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("o")
        app.screen.query_one("#new-per-day").value = ""  # type: ignore[attr-defined]
        await pilot.press("enter")  # enter in a box saves, as ctrl+s does
        assert isinstance(app.screen, SettingsScreen)
        assert problems_text(app) == "New terms per day: type a number from 0 to 1000 (it is empty)."
        assert app.settings.new_per_day == 10 and not config.exists()


async def test_a_theme_is_chosen_in_settings_and_kept(make_app, tmp_path):
    config = tmp_path / "config.toml"
    app = make_app(config_file=config)
    async with app.run_test(size=(100, 40)) as pilot:
        assert app.theme == "cxvocab-dark"
        await pilot.press("o")
        app.screen.query_one("#theme").value = "cxvocab-light"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.theme == "cxvocab-light"
        assert load_settings(config)[0].theme == "cxvocab-light"


async def test_a_theme_picked_with_the_command_palette_is_kept(make_app, tmp_path):
    config = tmp_path / "config.toml"
    app = make_app(config_file=config)
    async with app.run_test(size=(100, 40)) as pilot:
        app.theme = "rose-pine"  # what ctrl+p's "Change theme" does
        await pilot.pause()
        assert load_settings(config)[0].theme == "rose-pine" and app.settings.theme == "rose-pine"
        # Only readable themes are on offer there.
        assert sorted(app.available_themes) == sorted(THEMES)


def test_every_theme_on_offer_is_readable():
    """Every text colour cxvocab uses reaches WCAG's 4.5:1 on what it is drawn on, in every
    theme a learner can pick (textual-light's orange term on grey was 2.8:1)."""
    failing = {
        name: {pair: round(ratio, 2) for pair, ratio in contrasts(theme).items() if ratio < MIN_CONTRAST}
        for name, theme in themes().items()
    }
    assert failing == {name: {} for name in THEMES}


async def test_help_shows_the_keys_of_the_card_on_screen(make_app):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        described = dict((d, k) for k, d in app.screen.rows)
        for description in ("Study today", "Meeting prep", "Browse", "Stats", "Settings", "Persian display", "Keys"):
            assert description in described
        await pilot.press("escape")
        await pilot.press("enter")
        await pilot.press("question_mark")
        # The keys of this card as they work now: not 1-4, not y/n, not space three times.
        assert app.screen.rows == [  # type: ignore[attr-defined]
            ("space", "Show answer"),
            ("p", "Play the term"),
            ("u", "Undo"),
            ("q / esc", "Finish"),
            ("t", "Persian display"),
            ("?", "Keys"),
            ("ctrl+c / ctrl+q", "Quit"),
            ("P", "Play the example"),
            ("!", "Suspend the term"),
            ("-", "Bury the term until tomorrow"),
            ("f", "Flag the term (to drill it)"),
            ("ctrl+p", "Commands: colours, quit"),
        ]
        titles = [title for title, _ in app.screen.sections]  # type: ignore[attr-defined]
        assert titles == ["This card: meaning", "Grades", "How the schedule works", "Card kinds"]
        await pilot.press("escape", "space", "question_mark")
        rows = app.screen.rows  # type: ignore[attr-defined]
        assert rows[:4] == [("1", "Again"), ("2", "Hard"), ("3 / space", "Good"), ("4", "Easy")]
        assert not any(description == "Has a mistake" for _, description in rows)


async def test_help_on_a_choice_card_says_1_to_4_pick(make_app, store, clock):
    from cxvocab.scheduling import Scheduling

    store.open_cards([("touchpoint", "choice", Scheduling.new_state(clock.now()))], clock.now())
    app = make_app(settings=Settings(new_per_day=0))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, StudyScreen) and app.screen.question.kind == "choice"  # type: ignore[union-attr]
        keys = app.screen.query_one("KeyLine").keys()  # type: ignore[attr-defined]
        assert ("1-4", "Pick an option") in keys
        assert not any(description in ("Again", "Hard", "Good", "Easy") for _, description in keys)
        assert not any(description == "Play the term" for _, description in keys)  # it would answer it
        await pilot.press("question_mark")
        assert ("1-4", "Pick an option") in app.screen.rows  # type: ignore[attr-defined]
        assert [t for t, _ in app.screen.sections][:2] == ["This card: choice", "Grades"]  # type: ignore[attr-defined]
