"""Shared inputs for the public form tests (fictional consulter)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from madoguchi.intake.tests.fixtures.make_eml import fake_exe, tiny_pdf, tiny_png

VALID = {
    "org_name": "株式会社サンプル商事",
    "industry": "I",
    "employee_band": "6-20",
    "prefecture": "東京都",
    "municipality": "港区",
    "person_name": "架空 太郎",
    "phone": "03-0000-0000",
    "email": "taro@sample-shoji.example.jp",
    "body": (
        "取引先を装ったメールの添付ファイルを開いてしまいました。<script>alert(1)</script>\n画面に変化はありません。"
    ),
    "consent": "on",
    "website": "",
}


def png(name: str = "画面.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_png(), content_type="image/png")


def pdf(name: str = "請求書.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_pdf(), content_type="application/pdf")


def exe_as_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("請求書.pdf", fake_exe(), content_type="application/pdf")
