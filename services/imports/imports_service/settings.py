from servicekit.settings import ServiceSettings

settings = ServiceSettings()
