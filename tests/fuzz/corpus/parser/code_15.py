def status_of(self, path):
    try:
        self.fetch(path)
        return 200
    except HTTPError as e:
        return e.status