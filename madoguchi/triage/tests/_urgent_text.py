"""A fictional consultation the triage assistant judges urgent with a police flag (Emotet, as in issue 10)."""

EMOTET_SUBJECT = "Emotetに感染した可能性があります"
EMOTET_BODY = (
    "今朝、取引先を装ったメールの添付ファイル（Word）を開いてマクロを有効にしてしまいました。"
    "その後、社内のPCから取引先や顧客に不審なメールが大量に送信されています。"
    "EmoCheckでEmotetが検出されました。警察に被害を相談したいです。至急対応方法を教えてください。"
)
CALM_SUBJECT = "セキュリティ研修の資料について"
CALM_BODY = "来年度の社内研修で使えるセキュリティの啓発資料があれば教えてください。急ぎではありません。"
