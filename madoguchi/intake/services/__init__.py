"""Write path of intake, one module per channel: `mail` (inbound mail, quarantine), `web_form` (the public form)."""
