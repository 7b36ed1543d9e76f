def nested(self, value):
    try:
        try:
            return [1, 2][value]
        except IndexError:
            self.log.append('inner')
            raise
    except Exception as e:
        self.log.append(type(e).__name__)
        return -1