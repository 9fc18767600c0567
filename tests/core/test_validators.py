"""nuages.core.validators: every documented validator, with Django's messages and codes."""

import re
from decimal import Decimal

import pytest

from nuages.core.exceptions import ValidationError
from nuages.core.files.uploadedfile import SimpleUploadedFile
from nuages.core.validators import (
    DecimalValidator,
    DomainNameValidator,
    EmailValidator,
    FileExtensionValidator,
    MaxLengthValidator,
    MaxValueValidator,
    MinLengthValidator,
    MinValueValidator,
    ProhibitNullCharactersValidator,
    RegexValidator,
    StepValueValidator,
    URLValidator,
    int_list_validator,
    validate_comma_separated_integer_list,
    validate_domain_name,
    validate_email,
    validate_integer,
    validate_ipv4_address,
    validate_ipv6_address,
    validate_ipv46_address,
    validate_slug,
    validate_unicode_slug,
)


def fails(validator, value):
    with pytest.raises(ValidationError) as cm:
        validator(value)
    return cm.value


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com",
        "https://www.example.com/path?q=1#frag",
        "http://localhost:8000/",
        "http://127.0.0.1/",
        "http://[::1]:8080/",
        "ftp://user:pass@example.com/file",
        "http://例子.测试",
        "http://xn--fsqu00a.xn--0zwm56d",
    ],
)
def test_url_valid(url):
    URLValidator()(url)


@pytest.mark.parametrize(
    "url",
    [
        "example.com",
        "http://",
        "http://-example.com",
        "javascript:alert(1)",
        "http://exa mple.com",
        "http://example.com:999999",
        "http://example.com\n",
        "http://[::1:8080/",
        "http://" + "a" * 2100 + ".com",
        None,
        12,
    ],
)
def test_url_invalid(url):
    e = fails(URLValidator(), url)
    assert e.messages == ["Enter a valid URL."]
    assert e.code == "invalid"


def test_url_schemes():
    URLValidator(schemes=["git"])("git://example.com/repo")
    fails(URLValidator(schemes=["git"]), "http://example.com")


@pytest.mark.parametrize(
    "email", ["a@example.com", "first.last+tag@sub.example.co", "x@localhost", "a@[127.0.0.1]"]
)
def test_email_valid(email):
    validate_email(email)


@pytest.mark.parametrize(
    "email", ["", "plain", "a@b", "@example.com", "a b@example.com", "a@-ex.com", None]
)
def test_email_invalid(email):
    assert fails(validate_email, email).messages == ["Enter a valid email address."]


def test_email_allowlist_and_equality():
    EmailValidator(allowlist=["intranet"])("me@intranet")
    assert EmailValidator() == EmailValidator()
    assert EmailValidator(message="x") != EmailValidator()


def test_slug():
    validate_slug("a-b_c1")
    e = fails(validate_slug, "a b")
    assert e.messages == [
        "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."
    ]
    validate_unicode_slug("héllo")
    fails(validate_unicode_slug, "hé llo")


def test_ip_addresses():
    validate_ipv4_address("1.2.3.4")
    assert fails(validate_ipv4_address, "256.1.1.1").messages == ["Enter a valid IPv4 address."]
    validate_ipv6_address("::1")
    assert fails(validate_ipv6_address, "1.2.3.4").messages == ["Enter a valid IPv6 address."]
    validate_ipv46_address("::1")
    validate_ipv46_address("10.0.0.1")
    assert fails(validate_ipv46_address, "x").messages == ["Enter a valid IPv4 or IPv6 address."]


def test_int_lists():
    validate_comma_separated_integer_list("1,2,3")
    assert fails(validate_comma_separated_integer_list, "1,,2").messages == [
        "Enter only digits separated by commas."
    ]
    int_list_validator(sep=";", allow_negative=True)("-1;2")
    fails(int_list_validator(), "-1,2")
    validate_integer("-12")
    fails(validate_integer, "1.5")


def test_value_validators():
    MaxValueValidator(10)(10)
    e = fails(MaxValueValidator(10), 11)
    assert (e.messages, e.code) == (["Ensure this value is less than or equal to 10."], "max_value")
    e = fails(MinValueValidator(1), 0)
    assert (e.messages, e.code) == (
        ["Ensure this value is greater than or equal to 1."],
        "min_value",
    )
    MaxValueValidator(lambda: 5)(5)
    fails(MaxValueValidator(lambda: 5), 6)


def test_step_validator():
    StepValueValidator(3)(9)
    e = fails(StepValueValidator(3), 10)
    assert e.messages == ["Ensure this value is a multiple of step size 3."]
    assert e.code == "step_size"
    StepValueValidator(3, offset=1)(7)
    e = fails(StepValueValidator(3, offset=1), 6)
    assert e.messages == [
        "Ensure this value is a multiple of step size 3, starting from 1, e.g. 1, 4, 7, and so on."
    ]
    StepValueValidator(0.1)(0.3)
    StepValueValidator(Decimal("0.5"))(Decimal("1.5"))


def test_length_validators():
    e = fails(MaxLengthValidator(3), "abcd")
    assert e.messages == ["Ensure this value has at most 3 characters (it has 4)."]
    assert e.code == "max_length"
    e = fails(MinLengthValidator(1), "")
    assert e.messages == ["Ensure this value has at least 1 character (it has 0)."]


def test_decimal_validator():
    DecimalValidator(5, 2)(Decimal("123.45"))
    assert fails(DecimalValidator(5, 2), Decimal("1234.5")).messages == [
        "Ensure that there are no more than 3 digits before the decimal point."
    ]
    assert fails(DecimalValidator(5, 2), Decimal("1.234")).messages == [
        "Ensure that there are no more than 2 decimal places."
    ]
    assert fails(DecimalValidator(3, None), Decimal("1234")).messages == [
        "Ensure that there are no more than 3 digits in total."
    ]
    assert fails(DecimalValidator(3, 1), Decimal("NaN")).messages == ["Enter a number."]


def test_file_extension():
    FileExtensionValidator(["txt"])(SimpleUploadedFile("a.TXT", b"x"))
    e = fails(FileExtensionValidator(["txt", "md"]), SimpleUploadedFile("a.exe", b"x"))
    assert e.messages == ["File extension “exe” is not allowed. Allowed extensions are: txt, md."]
    assert e.code == "invalid_extension"


def test_null_characters():
    ProhibitNullCharactersValidator()("ok")
    e = fails(ProhibitNullCharactersValidator(), "a\x00b")
    assert (e.messages, e.code) == (
        ["Null characters are not allowed."],
        "null_characters_not_allowed",
    )


def test_domain_name():
    validate_domain_name("example.com")
    validate_domain_name("bücher.de")
    assert fails(validate_domain_name, "bad_domain").messages == ["Enter a valid domain name."]
    fails(DomainNameValidator(accept_idna=False), "bücher.de")
    fails(validate_domain_name, "a" * 300 + ".com")


def test_regex_validator():
    v = RegexValidator(r"^\d+$", message="digits", code="nodigits")
    v("123")
    e = fails(v, "abc")
    assert (e.messages, e.code) == (["digits"], "nodigits")
    RegexValidator(r"x", inverse_match=True)("abc")
    fails(RegexValidator(r"x", inverse_match=True), "x")
    RegexValidator(re.compile("a"))("a")
    with pytest.raises(TypeError):
        RegexValidator(re.compile("a"), flags=re.I)
    assert RegexValidator("a") == RegexValidator("a")
    assert RegexValidator("a") != RegexValidator("b")


def test_deconstruct():
    path, args, kwargs = MaxValueValidator(5, message="m").deconstruct()
    assert path == "nuages.core.validators.MaxValueValidator"
    assert args == (5,)
    assert kwargs == {"message": "m"}
    assert URLValidator(schemes=["a"]).deconstruct()[2] == {"schemes": ["a"]}
