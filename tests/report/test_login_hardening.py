"""Login: attempts are counted before the password is checked, unknown names get the same
answer and the same wait, lockouts decay, and the user hears about them at the next login."""

from __future__ import annotations

import pytest
from review_helpers import PASSWORDS, add_team

from report import users
from report.users import AuthError


def _clock(start: float = 1000.0):
    now = [start]
    return now, (lambda: now[0])


@pytest.mark.parametrize("name", ["li", "nobody"])
def test_known_and_unknown_names_get_the_same_answers(store, name):
    add_team(store)
    now, clock = _clock()
    answers = []
    for _ in range(users.FREE_ATTEMPTS + 1):
        with pytest.raises(AuthError) as info:
            users.authenticate(store.conn, name, "bad-password", clock=clock)
        answers.append(str(info.value))
    assert answers[: users.FREE_ATTEMPTS] == ["用户名或密码不正确，请重试。"] * users.FREE_ATTEMPTS
    assert "秒后再试" in answers[-1]  # the wait is there for a name that does not exist too


def test_parallel_guesses_when_the_wait_ends_are_counted_before_checking(store):
    """Ten guesses arriving in the same instant after the wait: only the first is checked."""
    add_team(store)
    now, clock = _clock()
    for _ in range(users.FREE_ATTEMPTS):
        with pytest.raises(AuthError):
            users.authenticate(store.conn, "li", "bad-password", clock=clock)
    now[0] += users.retry_delay(users.FREE_ATTEMPTS) + 0.1
    checked = 0
    real_check = users.check_password

    def counting(password, stored):
        nonlocal checked
        checked += 1
        return real_check(password, stored)

    users.check_password = counting  # type: ignore[assignment]
    try:
        for _ in range(10):
            with pytest.raises(AuthError):
                users.authenticate(store.conn, "li", "guess-password", clock=clock)
    finally:
        users.check_password = real_check  # type: ignore[assignment]
    assert checked == 1


def test_lockout_decays_and_is_reported_at_the_next_login(store):
    add_team(store)
    now, clock = _clock()
    for _ in range(users.FREE_ATTEMPTS + 2):
        now[0] += users.MAX_DELAY_S + 1
        with pytest.raises(AuthError):
            users.authenticate(store.conn, "li", "bad-password", clock=clock)
    # Much later, the real user comes in at once: failures are forgotten, and told about.
    now[0] += users.FAILURE_MEMORY_S + 1
    user = users.authenticate(store.conn, "li", PASSWORDS["li"], clock=clock)
    assert user.login_notice and f"{users.FREE_ATTEMPTS + 2} 次密码错误" in user.login_notice
    again = users.authenticate(store.conn, "li", PASSWORDS["li"], clock=clock)
    assert again.login_notice is None


def test_wait_is_capped_at_a_minute():
    assert users.MAX_DELAY_S <= 60
