def safe_email(self):
    try:
        return self.email
    except ConnectionError as e:
        return f'unavailable ({e})'