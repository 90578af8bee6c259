"""Pronunciation without the network: gTTS through a faked HTTP layer, real espeak-ng, and
playback through miniaudio's NULL backend."""

from __future__ import annotations

import base64
import io
import math
import struct
import wave
from pathlib import Path

import pytest
import requests

from cxvocab.audio import OFFLINE_PAUSE, AudioError, Clip, Espeak, GoogleTTS, Player, Voices, build, build_items

FAKE_MP3 = b"ID3\x03\x00fake-mp3-bytes"


class FakeResponse:
    def __init__(self, request: requests.PreparedRequest) -> None:
        self.request = request
        self.status_code = 200

    def raise_for_status(self) -> None:
        pass

    def iter_lines(self, chunk_size: int = 1024):
        audio = base64.b64encode(FAKE_MP3).decode()
        yield f'[["wrb.fr","jQ1olc","[\\"{audio}\\"]",null,null,null,"generic"]]'.encode()


@pytest.fixture
def http(monkeypatch):
    """Every request gTTS sends, answered by a fake Google (or refused when ``down``)."""
    sent: list[requests.PreparedRequest] = []
    state = {"down": False}

    def send(self, request, **kwargs):
        sent.append(request)
        if state["down"]:
            raise requests.exceptions.ConnectionError("network is unreachable")
        return FakeResponse(request)

    monkeypatch.setattr(requests.Session, "send", send)
    return sent, state


@pytest.mark.parametrize(("accent", "host"), [("us", "translate.google.com"), ("uk", "translate.google.co.uk")])
def test_gtts_sends_the_text_with_the_accents_domain(http, tmp_path, accent, host):
    sent, _ = http
    out = tmp_path / "clip.mp3"
    GoogleTTS().save("touchpoint", accent, out)
    assert out.read_bytes() == FAKE_MP3
    (request,) = sent
    assert request.url.startswith(f"https://{host}/")
    assert "touchpoint" in requests.utils.unquote(request.body)


def test_a_failed_request_leaves_no_file(http, tmp_path):
    _, state = http
    state["down"] = True
    with pytest.raises(AudioError) as info:
        GoogleTTS().save("touchpoint", "us", tmp_path / "clip.mp3")
    assert str(info.value) == "online speech is not reachable (no network?)"
    assert list(tmp_path.iterdir()) == []  # no clip, and no half-written temporary file


def pcm_of(data: bytes) -> tuple[float, float, int]:
    """(seconds, RMS loudness 0..1, sample rate) of a mono 16-bit WAV."""
    with wave.open(io.BytesIO(data)) as wav:
        frames = wav.readframes(wav.getnframes())
        rate = wav.getframerate()
    samples = struct.unpack(f"<{len(frames) // 2}h", frames)
    rms = math.sqrt(sum(s * s for s in samples) / len(samples)) / 32768
    return len(samples) / rate, rms, rate


@pytest.mark.parametrize("accent", ["us", "uk"])
def test_espeak_makes_audible_speech_of_plausible_length(accent):
    seconds, loudness, rate = pcm_of(Espeak().wav("customer journey", accent))
    assert rate > 8000
    assert 0.4 < seconds < 3.0  # two words
    assert loudness > 0.02  # audible, not silence
    long_seconds, _, _ = pcm_of(Espeak().wav("customer relationship management, or CRM", accent))
    assert long_seconds > seconds


def test_uk_and_us_differ():
    assert Espeak().wav("journey", "us") != Espeak().wav("journey", "uk")


class FakeGoogle(GoogleTTS):
    def __init__(self, works: bool = True) -> None:
        self.works = works
        self.calls: list[str] = []

    def save(self, text: str, accent: str, path: Path) -> None:
        self.calls.append(text)
        if not self.works:
            raise AudioError("online speech failed (offline)")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(FAKE_MP3)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_fallback_order(tmp_path):
    google, clock = FakeGoogle(), Clock()
    teacher = tmp_path / "content"
    (teacher / "audio").mkdir(parents=True)
    (teacher / "audio" / "touchpoint.mp3").write_bytes(b"teacher")
    voices = Voices(tmp_path / "cache", [teacher], "auto", gtts=google, monotonic=clock)
    assert voices.clip("touchpoint", "us", "touchpoint").source == "teacher"  # 1. the teacher's recording
    made = voices.clip("pain point", "us", "pain-point")  # 3. gTTS when reachable
    assert made.source == "gtts" and made.path.read_bytes() == FAKE_MP3
    assert voices.clip("pain point", "us", "pain-point") == Clip(made.path, "cache")  # 2. the cache
    assert google.calls == ["pain point"]


def test_offline_falls_back_to_espeak_without_a_per_term_wait(tmp_path):
    google, clock = FakeGoogle(works=False), Clock()
    voices = Voices(tmp_path / "cache", [], "auto", gtts=google, monotonic=clock)
    assert voices.clip("touchpoint", "uk").source == "espeak"
    assert voices.clip("pain point", "uk").source == "espeak"
    assert voices.clip("omnichannel", "uk").source == "espeak"
    assert google.calls == ["touchpoint"]  # tried once, then left alone
    clock.now += OFFLINE_PAUSE + 1
    voices.clip("multichannel", "uk")
    assert google.calls == ["touchpoint", "multichannel"]  # tried again after the pause


def test_engine_choice(tmp_path):
    google = FakeGoogle()
    assert Voices(tmp_path / "a", [], "espeak", gtts=google).clip("lead", "us").source == "espeak"
    assert google.calls == []
    assert Voices(tmp_path / "b", [], "gtts", gtts=FakeGoogle()).clip("lead", "us").source == "gtts"
    with pytest.raises(AudioError, match="offline"):
        Voices(tmp_path / "c", [], "gtts", gtts=FakeGoogle(works=False)).clip("lead", "us")
    with pytest.raises(ValueError):
        Voices(tmp_path, [], "festival")


def test_build_reports_made_cached_and_failed(tmp_path, library):
    voices = Voices(tmp_path, [], "espeak")
    items = build_items(library, examples=True)
    assert len(items) == 6  # 3 terms and their 3 examples
    first = build(voices, items, "us")
    assert first.made == {"espeak": 6} and first.cached == 0 and first.failed == []
    again = build(voices, items, "us")
    assert again.made == {} and again.cached == 6
    failing = Voices(tmp_path / "x", [], "gtts", gtts=FakeGoogle(works=False))
    report = build(failing, items[:2], "us")
    assert len(report.failed) == 2 and report.total == 2


def test_playback_through_the_null_backend(tmp_path):
    import miniaudio

    clip = Voices(tmp_path, [], "espeak").clip("customer journey", "us")
    player = Player(backends=[miniaudio.Backend.NULL])
    try:
        player.play(clip.path)
        assert player.started.wait(timeout=10)  # the device pulled sound
        player.play(clip.path)  # a new play replaces the old one
        assert player.started.wait(timeout=10)
    finally:
        player.close()


def test_a_broken_file_is_a_calm_error(tmp_path):
    import miniaudio

    broken = tmp_path / "broken.mp3"
    broken.write_bytes(b"not audio")
    player = Player(backends=[miniaudio.Backend.NULL])
    try:
        with pytest.raises(AudioError, match="cannot play broken.mp3"):
            player.play(broken)
    finally:
        player.close()
